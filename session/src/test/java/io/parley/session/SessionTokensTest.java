package io.parley.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.session.testing.TestSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private final SessionTokens tokens = new SessionTokens("parley", Duration.ofSeconds(30));
    private final List<JsonWebKey> keys = testKeys();

    @Test
    void aGenuineHeaderTokenNamesItsUser() {
        String jwt = TestSessions.builder().site("blog").user("keycloak_ada", "Ada").admin(true).verified(true)
                .picture("https://example.com/a.png").sign();
        SessionUser user = tokens.verify(new PresentedToken(jwt, false), null, keys);
        assertEquals("keycloak_ada", user.id());
        assertEquals("Ada", user.name());
        assertEquals("blog", user.site());
        assertEquals("https://example.com/a.png", user.picture());
        assertEquals("keycloak", user.provider());
        assertEquals(TestSessions.tokenId(jwt), user.tokenId());
        assertTrue(user.admin());
        assertTrue(user.verified());
        assertFalse(user.anonymous());
        assertFalse(user.toString().contains(user.tokenId()), "the XSRF secret stays out of logs");
    }

    @Test
    void aCookieTokenNeedsTheMatchingXsrfHeader() {
        String jwt = TestSessions.token("remark", "anonymous_x", "Guest", false);
        PresentedToken cookie = new PresentedToken(jwt, true);
        assertUnauthorized(() -> tokens.verify(cookie, null, keys));
        assertUnauthorized(() -> tokens.verify(cookie, "something-else", keys));
        SessionUser user = tokens.verify(cookie, TestSessions.tokenId(jwt), keys);
        assertTrue(user.anonymous());
    }

    @Test
    void refusesExpiredForgedForeignAndNonSessionTokens() {
        assertUnauthorized(() -> verify(TestSessions.builder().lifetime(Duration.ofMinutes(-5)).sign()));
        assertUnauthorized(() -> verify(TestSessions.builder().foreignKey().sign()));
        assertUnauthorized(() -> verify(TestSessions.builder().issuer("remark42").sign()));
        assertUnauthorized(() -> verify(TestSessions.builder().tokenUse("email-confirmation").sign()));
        assertUnauthorized(() -> verify(TestSessions.builder().blocked(true).sign()));
        assertUnauthorized(() -> verify("not.a.token"));
        String genuine = TestSessions.token("remark", "keycloak_1", "One", false);
        String[] parts = genuine.split("\\.");
        assertUnauthorized(() -> verify(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20)));
    }

    @Test
    void withinTheClockSkewATokenIsStillGood() {
        verify(TestSessions.builder().lifetime(Duration.ofSeconds(-10)).sign());
    }

    @Test
    void knowsWhetherTheKeySetHoldsTheSigningKey() {
        assertTrue(SessionTokens.signedByOneOf(TestSessions.builder().sign(), keys));
        assertFalse(SessionTokens.signedByOneOf("garbage", keys));
    }

    @Test
    void tokensAreLookedUpInRemark42Order() {
        assertEquals(Optional.of(new PresentedToken("q", false)), PresentedToken.find("q", "h", "c"));
        assertEquals(Optional.of(new PresentedToken("h", false)), PresentedToken.find(null, "h", "c"));
        assertEquals(Optional.of(new PresentedToken("c", true)), PresentedToken.find("", " ", "c"));
        assertEquals(Optional.empty(), PresentedToken.find(null, null, null));
    }

    private SessionUser verify(String jwt) {
        return tokens.verify(new PresentedToken(jwt, false), null, keys);
    }

    private static void assertUnauthorized(Runnable action) {
        SessionException e = assertThrows(SessionException.class, action::run);
        assertEquals(401, e.status());
        assertEquals("Unauthorized", e.getMessage());
    }

    static List<JsonWebKey> testKeys() {
        try (InputStream in = SessionTokensTest.class.getResourceAsStream("/parley-session-test-jwks.json")) {
            return new JsonWebKeySet(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonWebKeys();
        } catch (IOException | org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
