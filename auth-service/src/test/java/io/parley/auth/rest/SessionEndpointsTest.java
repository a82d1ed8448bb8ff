package io.parley.auth.rest;

import io.parley.auth.Sessions;
import io.parley.auth.service.SigningKeyService;
import io.parley.session.SessionUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** /auth/user, /auth/status, /auth/logout, /auth/list, /api/v1/user and the renewal of expired cookie tokens. */
@QuarkusTest
class SessionEndpointsTest {

    @Inject
    SigningKeyService keys;

    @Inject
    Pool pool;

    @Test
    void listNamesTheEnabledProviders() {
        // No OIDC URL in tests: Keycloak is not offered.
        given().when().get("/auth/list").then().statusCode(200).body("$", contains("email", "anonymous"));
    }

    @Test
    void tokenTransportFollowsRemark42() {
        Response login = Sessions.anonymous("Transport Test", "remark");
        String jwt = login.cookie("JWT");
        String xsrf = login.cookie("XSRF-TOKEN");
        // Header and query tokens need no XSRF header.
        given().header("X-JWT", jwt).when().get("/auth/user").then().statusCode(200)
                .body("name", equalTo("Transport Test"));
        given().queryParam("jwt", jwt).when().get("/auth/user").then().statusCode(200);
        // The cookie needs X-XSRF-TOKEN = jti.
        given().cookie("JWT", jwt).when().get("/auth/user").then().statusCode(401)
                .body("error", equalTo("can't get user info"));
        given().cookie("JWT", jwt).header("X-XSRF-TOKEN", "wrong").when().get("/auth/user").then().statusCode(401);
        given().cookie("JWT", jwt).header("X-XSRF-TOKEN", xsrf).when().get("/auth/user").then().statusCode(200);
        given().when().get("/auth/user").then().statusCode(401);
        given().header("X-JWT", "not.a.token").when().get("/auth/user").then().statusCode(401);
    }

    @Test
    void statusAndLogout() {
        String jwt = Sessions.anonymous("Status Test", "remark").cookie("JWT");
        given().header("X-JWT", jwt).when().get("/auth/status").then().statusCode(200)
                .body("status", equalTo("logged in")).body("user", equalTo("Status Test"));
        given().when().get("/auth/status").then().statusCode(200)
                .body("status", equalTo("not logged in")).body("$", not(hasKey("user")));
        Response logout = given().header("X-JWT", jwt).when().get("/auth/logout");
        logout.then().statusCode(200);
        assertEquals("", logout.cookie("JWT"));
        assertEquals(0, logout.detailedCookie("JWT").getMaxAge());
        assertEquals(0, logout.detailedCookie("XSRF-TOKEN").getMaxAge());
    }

    @Test
    void apiUserNeedsTheTokensSite() {
        Response login = Sessions.anonymous("Api User", "blog-a");
        String jwt = login.cookie("JWT");
        given().header("X-JWT", jwt).queryParam("site", "blog-a").when().get("/api/v1/user").then().statusCode(200)
                .body("name", equalTo("Api User")).body("id", equalTo(login.path("id")))
                .body("admin", equalTo(false)).body("site_id", equalTo("blog-a"))
                .body("picture", equalTo("")).body("$", not(hasKey("block"))).body("$", not(hasKey("verified")));
        given().header("X-JWT", jwt).queryParam("site", "blog-b").when().get("/api/v1/user").then().statusCode(403);
        given().header("X-JWT", jwt).when().get("/api/v1/user").then().statusCode(403);
        given().queryParam("site", "blog-a").when().get("/api/v1/user").then().statusCode(401);
        given().cookie("JWT", jwt).queryParam("site", "blog-a").when().get("/api/v1/user").then().statusCode(401);
    }

    @Test
    void expiredCookieTokenIsRenewedWithFreshClaims() {
        Response login = Sessions.anonymous("Renewal Test", "remark");
        String id = login.path("id");
        sql("update users set verified = true where site = 'remark' and id = $1", id);
        String expired = token(id, "Renewal Test", Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1),
                "old-jti", false);

        // Not from the header or query: only the cookie's token is renewed.
        given().header("X-JWT", expired).when().get("/auth/user").then().statusCode(401);
        Response renewed = given().cookie("JWT", expired).header("X-XSRF-TOKEN", "old-jti").when().get("/auth/user");
        renewed.then().statusCode(200).body("attrs.verified", equalTo(true));
        String fresh = renewed.cookie("JWT");
        SessionUser user = Sessions.verify(fresh, true, renewed.cookie("XSRF-TOKEN"));
        assertNotEquals("old-jti", user.tokenId());
        assertEquals(true, user.verified());
        assertEquals(200 * 3600, renewed.detailedCookie("JWT").getMaxAge());

        // /api/v1/user renews too; a session-only token stays session-only.
        String sessionOnly = token(id, "Renewal Test", Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1),
                "old-jti-2", true);
        Response again = given().cookie("JWT", sessionOnly).header("X-XSRF-TOKEN", "old-jti-2")
                .queryParam("site", "remark").when().get("/api/v1/user");
        again.then().statusCode(200).body("verified", equalTo(true));
        assertEquals(-1, again.detailedCookie("JWT").getMaxAge());

        // Beyond the cookie's lifetime there is nothing to renew.
        String ancient = token(id, "Renewal Test", Instant.now().minus(Duration.ofHours(300)), Duration.ofHours(1),
                "old-jti-3", false);
        given().cookie("JWT", ancient).header("X-XSRF-TOKEN", "old-jti-3").when().get("/auth/user")
                .then().statusCode(401);
    }

    @Test
    void blockedUsersAreNotRenewed() {
        String id = Sessions.anonymous("Blocked Renewal", "remark").path("id");
        sql("update users set blocked_until = now() + interval '1 hour' where site = 'remark' and id = $1", id);
        String expired = token(id, "Blocked Renewal", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1),
                "blocked-jti", false);
        Response refused = given().cookie("JWT", expired).header("X-XSRF-TOKEN", "blocked-jti").when()
                .get("/auth/user");
        refused.then().statusCode(401);
        assertEquals("", refused.cookie("JWT"));
        // A fresh login of a blocked user carries the blocked flag, which every verifier refuses.
        given().header("X-Client-IP", "127.0.0.1").queryParam("user", "Blocked Renewal").queryParam("aud", "remark")
                .when().get("/auth/anonymous/login").then().statusCode(200).body("attrs.blocked", equalTo(true));
        sql("update users set blocked_until = null where site = 'remark' and id = $1", id);
        given().cookie("JWT", expired).header("X-XSRF-TOKEN", "blocked-jti").when().get("/auth/user")
                .then().statusCode(200);
    }

    @Test
    void otherPurposesAndForgeriesAreNoSessions() {
        String id = Sessions.anonymous("Purpose Test", "remark").path("id");
        JwtClaims claims = claims(id, "Purpose Test", Instant.now(), Duration.ofHours(1), "purpose-jti", false);
        claims.setClaim("token_use", "email-login");
        given().header("X-JWT", keys.sign(claims)).when().get("/auth/user").then().statusCode(401);
        // Signed by a key that is not ours.
        String foreign = io.parley.session.testing.TestSessions.token("remark", id, "Purpose Test", true);
        given().header("X-JWT", foreign).when().get("/auth/user").then().statusCode(401);
        given().header("X-JWT", foreign).queryParam("site", "remark").when().get("/api/v1/user").then()
                .statusCode(401);
    }

    private void sql(String statement, String id) {
        pool.preparedQuery(statement).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
    }

    private String token(String id, String name, Instant issuedAt, Duration ttl, String jti, boolean sessionOnly) {
        return keys.sign(claims(id, name, issuedAt, ttl, jti, sessionOnly));
    }

    private static JwtClaims claims(String id, String name, Instant issuedAt, Duration ttl, String jti,
            boolean sessionOnly) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("parley");
        claims.setAudience("remark");
        claims.setSubject(id);
        claims.setJwtId(jti);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(ttl).getEpochSecond()));
        claims.setClaim("token_use", "session");
        claims.setClaim("user", Map.of("id", id, "name", name, "picture", "",
                "attrs", Map.of("admin", false, "blocked", false, "verified", false)));
        claims.setClaim("auth_provider", Map.of("name", "anonymous"));
        if (sessionOnly) {
            claims.setClaim("sess_only", true);
        }
        return claims;
    }
}
