package io.parley.auth.service;

import io.parley.auth.config.AuthConfig;
import io.parley.session.PresentedToken;
import io.parley.session.SessionException;
import io.parley.session.SessionTokens;
import io.parley.session.SessionUser;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues session tokens (the contract in docs/auth.md) and reads the ones requests present to auth-service's own
 * endpoints. Unlike the other services, auth-service renews a genuine but expired token that came from the cookie,
 * while the cookie lives ({@code parley.auth.cookie-ttl}) and the user is not blocked, as Remark42's middleware does.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Claim that keeps the cookies of a renewed token session cookies. */
    static final String SESSION_ONLY = "sess_only";

    @Inject
    SigningKeyService keys;

    @Inject
    AuthConfig config;

    @Inject
    io.parley.session.SessionConfig sessionConfig;

    @Inject
    UserService users;

    /** A new session token for {@code user} with the claims computed now (admin, blocked, verified). */
    public IssuedSession issue(UserState user, boolean sessionOnly) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.auth().jwtTtl());
        String jti = randomId();
        boolean admin = isAdmin(user);
        boolean blocked = user.blockedAt(now);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(sessionConfig.issuer());
        claims.setAudience(user.site());
        claims.setSubject(user.id());
        claims.setJwtId(jti);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setClaim("token_use", SessionTokens.SESSION_USE);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("admin", admin);
        attrs.put("blocked", blocked);
        attrs.put("verified", user.verified());
        Map<String, Object> userClaim = new LinkedHashMap<>();
        userClaim.put("id", user.id());
        userClaim.put("name", user.name());
        userClaim.put("picture", user.picture());
        userClaim.put("attrs", attrs);
        claims.setClaim("user", userClaim);
        claims.setClaim("auth_provider", Map.of("name", user.provider()));
        if (sessionOnly) {
            claims.setClaim(SESSION_ONLY, true);
        }
        SessionUser sessionUser = new SessionUser(user.id(), user.name(), user.picture(), user.site(), admin, blocked,
                user.verified(), user.provider(), jti);
        return new IssuedSession(keys.sign(claims), sessionUser, Instant.ofEpochSecond(expires.getEpochSecond()),
                sessionOnly);
    }

    /** Admin on every site: the identity provider's admin role at the last login, or listed in configuration. */
    public boolean isAdmin(UserState user) {
        return user.idpAdmin() || config.auth().admins().orElse(List.of()).contains(user.id());
    }

    /**
     * The session of a request: empty without a token; fails with {@link SessionException} (401) for a forged,
     * foreign, wrong-purpose or blocked user's token, a cookie token without its XSRF header, or an expired token
     * that cannot be renewed.
     */
    public Uni<Optional<CurrentSession>> current(Optional<PresentedToken> presented, String xsrfHeader) {
        if (presented.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        PresentedToken token = presented.get();
        Instant now = Instant.now();
        Read read;
        try {
            read = read(token, xsrfHeader);
        } catch (SessionException e) {
            return Uni.createFrom().failure(e);
        }
        if (read.expiresAt().isAfter(now.minus(sessionConfig.clockSkew()))) {
            if (read.user().blocked()) {
                return Uni.createFrom().failure(SessionException.unauthorized());
            }
            return Uni.createFrom().item(Optional.of(new CurrentSession(read.user(), null)));
        }
        // Remark42 renews only cookie tokens, and only while the cookie itself would still live.
        if (!token.fromCookie() || !read.issuedAt().plus(config.auth().cookieTtl()).isAfter(now)) {
            return Uni.createFrom().failure(SessionException.unauthorized());
        }
        return users.find(read.user().site(), read.user().id()).map(found -> {
            UserState user = found.filter(u -> !u.deleted()).orElseThrow(SessionException::unauthorized);
            if (user.blockedAt(Instant.now())) {
                LOG.debugf("no renewal for blocked user %s", user.id());
                throw SessionException.unauthorized();
            }
            IssuedSession renewed = issue(withProvider(user, read.user().provider()), read.sessionOnly());
            return Optional.of(new CurrentSession(renewed.user(), renewed));
        });
    }

    /** Keeps the provider the user logged in with (one user id may be reached through several brokers). */
    private static UserState withProvider(UserState user, String provider) {
        if (provider == null || provider.equals(user.provider())) {
            return user;
        }
        return new UserState(user.site(), user.id(), user.name(), user.picture(), provider, user.idpAdmin(),
                user.verified(), user.blockedUntil(), user.blockPermanent(), user.deleted(), user.version());
    }

    private record Read(SessionUser user, Instant issuedAt, Instant expiresAt, boolean sessionOnly) {
    }

    private Read read(PresentedToken token, String xsrfHeader) {
        JwtClaims claims = keys.verify(token.jwt()).orElseThrow(SessionException::unauthorized);
        try {
            if (claims.getExpirationTime() == null || claims.getIssuedAt() == null) {
                throw SessionException.unauthorized();
            }
            return new Read(SessionTokens.sessionUser(claims, token, xsrfHeader),
                    Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                    Boolean.TRUE.equals(claims.getClaimValue(SESSION_ONLY)));
        } catch (MalformedClaimException e) {
            throw SessionException.unauthorized();
        }
    }

    /** 20 random bytes as hex (the length of Remark42's sha1 token ids). */
    static String randomId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
