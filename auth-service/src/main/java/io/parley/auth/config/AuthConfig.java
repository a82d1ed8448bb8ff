package io.parley.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed settings of auth-service, all under {@code parley.*} (the session token's issuer is {@code parley.session.issuer}). */
@ConfigMapping(prefix = "parley")
public interface AuthConfig {

    /** Site of login requests that name none. */
    @WithDefault("remark")
    String defaultSite();

    Auth auth();

    Outbox outbox();

    interface Auth {
        /**
         * Base URL browsers use to reach us (the gateway), e.g. {@code https://comments.example.com}; decides the
         * OIDC redirect URI, links in mails and Secure cookies. Empty: taken per request from the gateway's
         * {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}.
         */
        Optional<String> publicUrl();

        /** Sites users may sign in to; empty: any site id Remark42 would accept. */
        Optional<List<String>> sites();

        /** Lifetime ({@code exp}) of a session token; expired cookie tokens are re-issued on /auth/* and /api/v1/user. */
        @WithDefault("1h")
        Duration jwtTtl();

        /** Lifetime of the session cookies (Remark42 {@code AUTH_TTL_COOKIE}); also how long a token may be renewed. */
        @WithDefault("200h")
        Duration cookieTtl();

        /** SameSite of the session cookies (Remark42 {@code AUTH_SAME_SITE}): default (none set), none, lax, strict. */
        @WithDefault("default")
        String sameSite();

        /** Secure cookies; empty: when the request came over https (or {@link #publicUrl()} is https). */
        Optional<Boolean> secureCookies();

        /** Hosts besides our own that {@code from} may send the browser back to after login. */
        Optional<List<String>> allowedHosts();

        /** User ids that are admins on every site (Remark42 {@code ADMIN_SHARED_ID}). */
        Optional<List<String>> admins();

        Keys keys();

        Anonymous anonymous();

        Email email();

        Oidc oidc();
    }

    interface Keys {
        /** A fixed RSA private key (PKCS#8, PEM or base64) instead of the generated ones kept in the database. */
        Optional<String> privateKey();

        /** The {@code kid} of {@link #privateKey()}; default: its JWK thumbprint. */
        Optional<String> keyId();

        /** Size of generated keys. */
        @WithDefault("2048")
        int size();

        /** A new key is generated when the newest is older than this; empty: never rotate. */
        Optional<Duration> rotateAfter();

        /** How often replicas re-read the key table (to pick up a key another replica generated). */
        @WithDefault("5m")
        Duration refreshInterval();
    }

    interface Anonymous {
        @WithDefault("true")
        boolean enabled();
    }

    interface Email {
        @WithDefault("true")
        boolean enabled();

        /** Lifetime of the confirmation token sent by mail (Remark42: 30 minutes). */
        @WithDefault("30m")
        Duration tokenTtl();

        @WithDefault("Parley: your login confirmation")
        String subject();
    }

    interface Oidc {
        /** Keycloak realm URL (the OIDC issuer), e.g. {@code http://127.0.0.1:8180/realms/parley}; empty: no OIDC login. */
        Optional<String> url();

        @WithDefault("parley-auth")
        String clientId();

        @WithDefault("parley-auth-secret")
        String clientSecret();

        /** Login provider names besides {@code keycloak}; each is a Keycloak identity-broker alias ({@code kc_idp_hint}). */
        Optional<List<String>> brokers();

        /** Realm role that makes a user admin. */
        @WithDefault("admin")
        String adminRole();

        @WithDefault("openid profile email")
        String scope();

        /** How long a started login may take (the handshake cookie's lifetime). */
        @WithDefault("15m")
        Duration loginTimeout();
    }

    interface Outbox {
        @WithDefault("100")
        int batchSize();

        @WithDefault("1s")
        Duration sweepInterval();
    }
}
