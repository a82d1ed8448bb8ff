package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parley.stack.LocalStack;
import io.parley.stack.testing.LocalStackExtension;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logins through the gateway against the real auth-service, Keycloak and mail catcher: the Keycloak code flow with
 * PKCE (as a browser follows it), anonymous and email-link logins, logout, the admin role and blocking.
 */
class AuthIT extends GatewayTest {

    private Logins logins;

    /**
     * Keycloak joins the shared stack (started by the first class with the module's settings); auth-service is then
     * restarted with the realm's URL.
     */
    @BeforeAll
    static void withKeycloak() {
        LocalStackExtension.start(true, new String[0], new String[0]);
    }

    @BeforeEach
    void logins(LocalStack stack) {
        logins = new Logins(stack);
    }

    @Test
    void publicKeysAreServedThroughTheGateway() {
        given().baseUri(gatewayUrl).when().get("/auth/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"));
        given().baseUri(gatewayUrl).when().get("/auth/list").then().statusCode(200)
                .body("$", hasItems("keycloak", "email", "anonymous"));
    }

    @Test
    void keycloakCodeFlowEndsInASession() {
        Logins.Session demo = logins.keycloak("demo", "demo", "remark");
        assertEquals("remark", demo.site());
        demo.byCookie(given().baseUri(gatewayUrl)).queryParam("site", "remark").when().get("/api/v1/user")
                .then().statusCode(200).body("id", startsWith("keycloak_")).body("name", equalTo("Demo User"))
                .body("admin", equalTo(false));
        demo.byHeader(given().baseUri(gatewayUrl)).when().get("/auth/user").then().statusCode(200)
                .body("attrs.admin", equalTo(false));
        // The same Keycloak account is the same user on the next login.
        assertEquals(demo.userId(), logins.keycloak("demo", "demo", "remark").userId());
        // Without the XSRF header the cookie is not enough.
        given().baseUri(gatewayUrl).cookie("JWT", demo.jwt()).queryParam("site", "remark").when()
                .get("/api/v1/user").then().statusCode(401);
        // The session is accepted by comments-service, which verifies it with auth-service's published keys.
        postComment(demo, "Posted after the Keycloak login.").then().statusCode(201)
                .body("user.id", equalTo(demo.userId())).body("user.name", equalTo("Demo User"));
        given().baseUri(gatewayUrl).cookie("JWT", demo.jwt()).contentType(ContentType.JSON).queryParam("site", "remark")
                .body(comment("No XSRF header.")).when().post("/api/v1/comment").then().statusCode(401);
    }

    private Response postComment(Logins.Session session, String text) {
        return session.byCookie(given().baseUri(gatewayUrl)).header("X-Forwarded-For", Isso.freshVisitor())
                .contentType(ContentType.JSON).queryParam("site", session.site()).body(comment(text))
                .when().post("/api/v1/comment");
    }

    private static Map<String, Object> comment(String text) {
        return Map.of("text", text, "locator", Map.of("site", "remark", "url", "https://blog.example.com/auth-it/"));
    }

    @Test
    void keycloakAdminRoleIsCarriedIntoTheSession() {
        Logins.Session admin = logins.keycloak("admin", "admin", "remark");
        admin.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "remark").when().get("/api/v1/user")
                .then().statusCode(200).body("admin", equalTo(true));

        // The admin blocks a user; the block is visible to admins and to the user, and lifted again.
        Logins.Session troll = logins.anonymous("Blocked Troll", "remark");
        admin.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "remark").queryParam("block", "1")
                .queryParam("ttl", "7d").when().put("/api/v1/admin/user/" + troll.userId())
                .then().statusCode(200).body("block", equalTo(true));
        admin.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "remark").when()
                .get("/api/v1/admin/blocked").then().statusCode(200).body("id", hasItem(troll.userId()));
        troll.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "remark").when().get("/api/v1/user")
                .then().statusCode(200).body("block", equalTo(true));
        // comments-service learns the block from user-events and refuses the troll's comments (code 7).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> postComment(troll, "Still here?").statusCode() == 403);
        postComment(troll, "Still here?").then().statusCode(403).body("code", equalTo(7));
        // Not an admin: refused.
        troll.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "remark").when()
                .get("/api/v1/admin/blocked").then().statusCode(403);
    }

    @Test
    void fromMustNameAnAllowedHost() {
        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).redirects().follow(false)
                .queryParam("site", "remark").queryParam("from", "https://evil.example/").when().get("/auth/keycloak/login")
                .then().statusCode(400);
        Response local = given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).redirects()
                .follow(false).queryParam("site", "remark")
                .queryParam("from", "/post/1").when().get("/auth/keycloak/login");
        assertEquals(302, local.statusCode());
    }

    @Test
    void anonymousLoginAndLogout() {
        Logins.Session jane = logins.anonymous("Jane Anonymous", "remark");
        jane.byCookie(given().baseUri(gatewayUrl)).queryParam("site", "remark").when().get("/api/v1/user")
                .then().statusCode(200).body("id", equalTo(jane.userId())).body("name", equalTo("Jane Anonymous"));
        jane.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "other-site").when().get("/api/v1/user")
                .then().statusCode(403);
        Response logout = jane.byCookie(given().baseUri(gatewayUrl)).header("X-Forwarded-For", Isso.freshVisitor())
                .when().get("/auth/logout");
        logout.then().statusCode(200);
        assertEquals("", logout.cookie("JWT"));
        assertNotEquals(jane.userId(), logins.anonymous("Jane Anonymous", "remark").userId());
    }

    @Test
    void emailLinkLogin() {
        String address = "it-" + UUID.randomUUID() + "@example.com";
        Logins.Session reader = logins.email("Email Reader", address, "remark");
        reader.byCookie(given().baseUri(gatewayUrl)).queryParam("site", "remark").when().get("/api/v1/user")
                .then().statusCode(200).body("id", startsWith("email_")).body("name", equalTo("Email Reader"));
    }
}
