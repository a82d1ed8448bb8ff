package io.parley.auth.service;

import io.parley.auth.config.AuthConfig;
import io.parley.session.SessionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * OpenID Connect authorization-code flow with PKCE (S256) against Keycloak, as a confidential client. The login
 * state (state, nonce, PKCE verifier, site, {@code from}) travels in a short-lived handshake token we sign and the
 * browser keeps in an HttpOnly cookie, so any replica can finish a login another one started. Provider names other
 * than {@code keycloak} are Keycloak identity-broker aliases, passed as {@code kc_idp_hint}. The ID token (and the
 * access token, for realm roles) are verified with the realm's published keys.
 */
@ApplicationScoped
public class OidcLoginService {

    private static final Logger LOG = Logger.getLogger(OidcLoginService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String HANDSHAKE_USE = "handshake";

    @Inject
    Vertx vertx;

    @Inject
    AuthConfig config;

    @Inject
    SessionConfig sessionConfig;

    @Inject
    SigningKeyService keys;

    @Inject
    LoginService logins;

    private WebClient client;
    private volatile Uni<Realm> realm;
    private volatile List<JsonWebKey> realmKeys = List.of();

    /** The realm's endpoints from its discovery document. */
    record Realm(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    /** Where to send the browser, and the handshake token for its cookie. */
    public record Start(String location, String handshake) {
        @Override
        public String toString() {
            return "Start[location hidden]";
        }
    }

    /** A finished login: the new session and where the browser goes next (null: answer the user as JSON). */
    public record Completed(IssuedSession session, String from) {
    }

    @PostConstruct
    void init() {
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Starts a login.
     *
     * @param callbackUrl our callback as the browser reaches it (the redirect URI registered in Keycloak)
     */
    public Uni<Start> start(String provider, String site, String from, boolean sessionOnly, String callbackUrl) {
        String state = random(16);
        String nonce = random(16);
        String verifier = random(32);
        Instant now = Instant.now();
        JwtClaims handshake = new JwtClaims();
        handshake.setIssuer(sessionConfig.issuer());
        handshake.setAudience(site);
        handshake.setSubject(provider);
        handshake.setJwtId(random(16));
        handshake.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        handshake.setExpirationTime(NumericDate.fromSeconds(
                now.plus(config.auth().oidc().loginTimeout()).getEpochSecond()));
        handshake.setClaim("token_use", HANDSHAKE_USE);
        handshake.setClaim("state", state);
        handshake.setClaim("nonce", nonce);
        handshake.setClaim("verifier", verifier);
        handshake.setClaim("redirect_uri", callbackUrl);
        handshake.setClaim("sess_only", sessionOnly);
        if (from != null && !from.isBlank()) {
            handshake.setClaim("from", from);
        }
        String signed = keys.sign(handshake);
        return realm().map(realm -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", config.auth().oidc().clientId());
            query.put("redirect_uri", callbackUrl);
            query.put("scope", config.auth().oidc().scope());
            query.put("state", state);
            query.put("nonce", nonce);
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
            if (!LoginService.KEYCLOAK.equals(provider)) {
                query.put("kc_idp_hint", provider);
            }
            return new Start(realm.authorizationEndpoint() + (realm.authorizationEndpoint().contains("?") ? "&" : "?")
                    + form(query), signed);
        });
    }

    /**
     * Finishes a login: checks the handshake against the callback, redeems the code (with the PKCE verifier), verifies
     * the ID token and records the user.
     */
    public Uni<Completed> complete(String provider, String handshakeJwt, String state, String code) {
        JwtClaims handshake = keys.verify(handshakeJwt)
                .filter(claims -> HANDSHAKE_USE.equals(claims.getClaimValue("token_use")))
                .orElseThrow(() -> new LoginRejectedException(403, "no login in progress"));
        try {
            if (handshake.getExpirationTime() == null
                    || handshake.getExpirationTime().getValue() < Instant.now().getEpochSecond()) {
                throw new LoginRejectedException(403, "login timed out, please retry");
            }
            if (!provider.equals(handshake.getSubject()) || state == null
                    || !state.equals(handshake.getClaimValueAsString("state"))) {
                throw new LoginRejectedException(403, "invalid state");
            }
            if (code == null || code.isBlank()) {
                throw new LoginRejectedException(400, "no authorization code");
            }
            String site = handshake.getAudience().get(0);
            String nonce = handshake.getClaimValueAsString("nonce");
            String from = handshake.getClaimValueAsString("from");
            boolean sessionOnly = Boolean.TRUE.equals(handshake.getClaimValue("sess_only"));
            return realm().flatMap(realm -> redeem(realm, code, handshake.getClaimValueAsString("redirect_uri"),
                            handshake.getClaimValueAsString("verifier"))
                    .flatMap(tokens -> identity(realm, tokens, nonce)))
                    .flatMap(identity -> logins.signIn(site, LoginRules.providerId(LoginService.KEYCLOAK,
                                    identity.subject()), identity.name(), identity.picture(), provider,
                            identity.admin(), sessionOnly))
                    .map(session -> new Completed(session, from));
        } catch (MalformedClaimException e) {
            throw new LoginRejectedException(403, "no login in progress");
        }
    }

    private record Identity(String subject, String name, String picture, boolean admin) {
    }

    private Uni<JsonObject> redeem(Realm realm, String code, String redirectUri, String verifier) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("code_verifier", verifier);
        return client.postAbs(realm.tokenEndpoint())
                .basicAuthentication(urlEncoded(config.auth().oidc().clientId()),
                        urlEncoded(config.auth().oidc().clientSecret()))
                .timeout(10_000)
                .sendForm(form)
                .map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.infof("Keycloak refused the authorization code: status %d", response.statusCode());
                        throw new LoginRejectedException(401, "login refused by the identity provider");
                    }
                    return response.bodyAsJsonObject();
                });
    }

    private Uni<Identity> identity(Realm realm, JsonObject tokens, String nonce) {
        String idToken = tokens.getString("id_token");
        if (idToken == null) {
            return Uni.createFrom().failure(new LoginRejectedException(401, "no ID token from the identity provider"));
        }
        return verified(realm, idToken, true).flatMap(id -> {
            if (!Objects.equals(nonce, id.getClaimValue("nonce"))) {
                return Uni.createFrom().failure(new LoginRejectedException(401, "invalid nonce"));
            }
            String access = tokens.getString("access_token");
            Uni<JwtClaims> accessClaims = access == null ? Uni.createFrom().nullItem() : verified(realm, access, false)
                    .onFailure().recoverWithNull();
            return accessClaims.map(at -> {
                Set<String> roles = new HashSet<>(strings(id.getClaimValue("roles")));
                if (at != null && at.getClaimValue("realm_access") instanceof Map<?, ?> realmAccess) {
                    roles.addAll(strings(realmAccess.get("roles")));
                }
                String name = firstText(id.getClaimValue("name"), id.getClaimValue("preferred_username"),
                        id.getClaimValue("nickname"));
                String picture = id.getClaimValue("picture") instanceof String p && p.startsWith("https://") ? p : "";
                try {
                    return new Identity(id.getSubject(), name == null ? "user" : name, picture,
                            roles.contains(config.auth().oidc().adminRole()));
                } catch (MalformedClaimException e) {
                    throw new LoginRejectedException(401, "invalid ID token");
                }
            });
        });
    }

    /** A token signed by the realm: signature (keys re-fetched once for an unknown key), issuer, expiry, audience. */
    private Uni<JwtClaims> verified(Realm realm, String jwt, boolean idToken) {
        return Uni.createFrom().item(() -> consume(realm, jwt, realmKeys, idToken))
                .onFailure(UnknownKey.class).recoverWithUni(() -> fetchKeys(realm)
                        .map(fetched -> consume(realm, jwt, fetched, idToken)))
                .onFailure(UnknownKey.class).transform(e -> new LoginRejectedException(401, "invalid ID token"));
    }

    private static final class UnknownKey extends RuntimeException {
        UnknownKey() {
            super(null, null, false, false);
        }
    }

    private JwtClaims consume(Realm realm, String jwt, List<JsonWebKey> known, boolean idToken) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(known))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(realm.issuer())
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30);
        if (idToken) {
            builder.setExpectedAudience(config.auth().oidc().clientId());
        } else {
            builder.setSkipDefaultAudienceValidation();
        }
        try {
            return builder.build().processToClaims(jwt);
        } catch (InvalidJwtException e) {
            if (e.getErrorDetails().stream().anyMatch(d -> d.getErrorCode()
                    == org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID) || unknownKey(e)) {
                throw new UnknownKey();
            }
            LOG.infof("identity provider token refused: %s", e.getErrorDetails().isEmpty() ? "invalid"
                    : e.getErrorDetails().get(0).getErrorMessage());
            throw new LoginRejectedException(401, "invalid ID token");
        }
    }

    private static boolean unknownKey(InvalidJwtException e) {
        return e.getCause() instanceof org.jose4j.lang.UnresolvableKeyException
                || e.getErrorDetails().stream().anyMatch(d -> d.getErrorMessage() != null
                && d.getErrorMessage().contains("Unable to find a suitable verification key"));
    }

    private Uni<List<JsonWebKey>> fetchKeys(Realm realm) {
        return client.getAbs(realm.jwksUri()).timeout(10_000).send().map(response -> {
            try {
                List<JsonWebKey> fetched = new JsonWebKeySet(ok(response).bodyAsString()).getJsonWebKeys();
                realmKeys = fetched;
                return fetched;
            } catch (JoseException e) {
                throw new LoginRejectedException(502, "identity provider keys unreadable");
            }
        });
    }

    /** The discovery document, fetched once (again after a failure). */
    private Uni<Realm> realm() {
        Uni<Realm> cached = realm;
        if (cached != null) {
            return cached;
        }
        String issuer = config.auth().oidc().url()
                .orElseThrow(() -> new LoginRejectedException(404, "provider is not enabled")).replaceAll("/+$", "");
        Uni<Realm> fetch = client.getAbs(issuer + "/.well-known/openid-configuration").timeout(10_000).send()
                .map(response -> {
                    JsonObject document = ok(response).bodyAsJsonObject();
                    return new Realm(document.getString("issuer"), document.getString("authorization_endpoint"),
                            document.getString("token_endpoint"), document.getString("jwks_uri"));
                })
                .onFailure().invoke(e -> realm = null)
                .onFailure(e -> !(e instanceof LoginRejectedException))
                .transform(e -> {
                    LOG.warnf("identity provider unreachable: %s", e.toString());
                    return new LoginRejectedException(502, "identity provider unreachable");
                })
                .memoize().indefinitely();
        realm = fetch;
        return fetch;
    }

    private static <T> HttpResponse<T> ok(HttpResponse<T> response) {
        if (response.statusCode() != 200) {
            throw new LoginRejectedException(502, "identity provider answered " + response.statusCode());
        }
        return response;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (claim instanceof JsonArray array) {
            return array.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static String firstText(Object... values) {
        for (Object value : values) {
            if (value instanceof String text && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }

    /** PKCE S256: base64url(SHA-256(verifier)). */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String form(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(urlEncoded(name)).append('=')
                .append(urlEncoded(value)));
        return query.toString();
    }

    private static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
