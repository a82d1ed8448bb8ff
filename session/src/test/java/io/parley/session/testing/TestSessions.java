package io.parley.session.testing;

import io.parley.session.SessionTokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Session tokens for tests, signed with a fixed test key whose public half is
 * {@value #JWKS_LOCATION}: set {@code %test.parley.session.jwks-url} to it. The claims are the ones auth-service
 * issues (see docs/auth.md).
 */
public final class TestSessions {

    public static final String JWKS_LOCATION = "classpath:parley-session-test-jwks.json";

    private TestSessions() {
    }

    /** A valid one-hour session token for {@code userId} on {@code site}. */
    public static String token(String site, String userId, String name, boolean admin) {
        return builder().site(site).user(userId, name).admin(admin).sign();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code jti} of a token made here, which is the value of its XSRF header. */
    public static String tokenId(String jwt) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(jwt);
            return JwtClaims.parse(jws.getUnverifiedPayload()).getJwtId();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a token: " + e.getMessage(), e);
        }
    }

    /** Every claim can be bent, to test what verifiers refuse. */
    public static final class Builder {
        private String site = "remark";
        private String userId = "keycloak_test";
        private String name = "Test User";
        private String picture;
        private boolean admin;
        private boolean blocked;
        private boolean verified;
        private String provider = "keycloak";
        private String issuer = "parley";
        private String tokenUse = SessionTokens.SESSION_USE;
        private Duration lifetime = Duration.ofHours(1);
        private String tokenId = UUID.randomUUID().toString().replace("-", "");
        private String keyResource = "parley-session-test-private-jwk.json";

        public Builder site(String value) { site = value; return this; }

        public Builder user(String id, String displayName) { userId = id; name = displayName; return this; }

        public Builder picture(String value) { picture = value; return this; }

        public Builder admin(boolean value) { admin = value; return this; }

        public Builder blocked(boolean value) { blocked = value; return this; }

        public Builder verified(boolean value) { verified = value; return this; }

        public Builder provider(String value) { provider = value; return this; }

        public Builder issuer(String value) { issuer = value; return this; }

        public Builder tokenUse(String value) { tokenUse = value; return this; }

        /** Negative for a token that expired that long ago. */
        public Builder lifetime(Duration value) { lifetime = value; return this; }

        public Builder tokenId(String value) { tokenId = value; return this; }

        /** Signed with another key under the same key id: a forgery. */
        public Builder foreignKey() { keyResource = "parley-session-test-foreign-jwk.json"; return this; }

        public String sign() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(site);
            claims.setSubject(userId);
            claims.setJwtId(tokenId);
            NumericDate expiry = NumericDate.now();
            expiry.addSeconds(lifetime.toSeconds());
            claims.setExpirationTime(expiry);
            NumericDate issued = NumericDate.now();
            if (lifetime.isNegative()) {
                // An expired token was issued before it expired.
                issued.addSeconds(lifetime.toSeconds() - 3600);
            }
            claims.setIssuedAt(issued);
            claims.setClaim("token_use", tokenUse);
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("admin", admin);
            attrs.put("blocked", blocked);
            attrs.put("verified", verified);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", userId);
            user.put("name", name);
            user.put("picture", picture);
            user.put("attrs", attrs);
            claims.setClaim("user", user);
            claims.setClaim("auth_provider", Map.of("name", provider));
            try {
                RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(read(keyResource));
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(claims.toJson());
                jws.setKey(key.getRsaPrivateKey());
                jws.setKeyIdHeaderValue(key.getKeyId());
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String read(String resource) {
            try (InputStream in = TestSessions.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test key " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
