package io.parley.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Checks one session token against a key set: RS256 signature by a known key, issuer, expiry,
 * {@code token_use=session}, a user that is not blocked, and the XSRF header for cookie tokens. Pure: no I/O.
 */
public final class SessionTokens {

    /** The {@code token_use} of session tokens; auth-service's other tokens carry other values. */
    public static final String SESSION_USE = "session";

    private static final Logger LOG = Logger.getLogger(SessionTokens.class);

    private final String issuer;
    private final int clockSkewSeconds;

    public SessionTokens(String issuer, Duration clockSkew) {
        this.issuer = Objects.requireNonNull(issuer);
        this.clockSkewSeconds = (int) clockSkew.toSeconds();
    }

    /** Whether {@code keys} hold the key the token names; if not, the caller should fetch the keys again. */
    public static boolean signedByOneOf(String jwt, List<JsonWebKey> keys) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(jwt);
            return new VerificationJwkSelector().select(jws, keys) != null;
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The user of a genuine session token.
     *
     * @param xsrfHeader the request's {@code X-XSRF-TOKEN}, required to equal the token id for cookie tokens
     * @throws SessionException 401 for anything else
     */
    public SessionUser verify(PresentedToken token, String xsrfHeader, List<JsonWebKey> keys) {
        JwtClaims claims;
        try {
            claims = consumer(keys).processToClaims(token.jwt());
        } catch (InvalidJwtException e) {
            LOG.debugf("session token refused: %s", e.getErrorDetails().isEmpty()
                    ? "invalid" : e.getErrorDetails().get(0).getErrorMessage());
            throw SessionException.unauthorized();
        }
        SessionUser user = sessionUser(claims, token, xsrfHeader);
        if (user.blocked()) {
            // Remark42 refuses tokens of blocked users outright.
            throw SessionException.unauthorized();
        }
        return user;
    }

    private JwtConsumer consumer(List<JsonWebKey> keys) {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                // The audience is the site; the caller compares it with the request's site.
                .setSkipDefaultAudienceValidation()
                .build();
    }

    /**
     * The user named by the claims of a token whose signature was already checked: its purpose must be
     * {@code session}, it must have one audience (the site) and a subject equal to the user's id, and a cookie token
     * must come with its {@code jti} as XSRF header. Blocked users are returned as such; callers decide. auth-service
     * uses this for the expired tokens it renews.
     *
     * @throws SessionException 401 when any of that does not hold
     */
    @SuppressWarnings("unchecked")
    public static SessionUser sessionUser(JwtClaims claims, PresentedToken token, String xsrfHeader) {
        try {
            if (!SESSION_USE.equals(claims.getClaimValue("token_use")) || claims.getJwtId() == null) {
                throw SessionException.unauthorized();
            }
            if (token.fromCookie() && !claims.getJwtId().equals(xsrfHeader)) {
                LOG.debug("session cookie without a matching X-XSRF-TOKEN");
                throw SessionException.unauthorized();
            }
            List<String> audience = claims.getAudience();
            if (audience.size() != 1) {
                throw SessionException.unauthorized();
            }
            Map<String, Object> user = (Map<String, Object>) claims.getClaimValue("user");
            Map<String, Object> attrs = user.get("attrs") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            String id = (String) user.get("id");
            if (id == null || !id.equals(claims.getSubject())) {
                throw SessionException.unauthorized();
            }
            String provider = claims.getClaimValue("auth_provider") instanceof Map<?, ?> p
                    ? (String) p.get("name") : null;
            return new SessionUser(id, (String) user.get("name"), (String) user.get("picture"), audience.get(0),
                    Boolean.TRUE.equals(attrs.get("admin")), Boolean.TRUE.equals(attrs.get("blocked")),
                    Boolean.TRUE.equals(attrs.get("verified")), provider, claims.getJwtId());
        } catch (MalformedClaimException | ClassCastException | NullPointerException e) {
            LOG.debug("session token with malformed claims");
            throw SessionException.unauthorized();
        }
    }
}
