package io.parley.auth.rest;

import io.parley.auth.Sessions;
import io.parley.session.SessionException;
import io.parley.session.SessionUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AnonymousLoginTest {

    @Test
    void loginSetsRemark42CookiesWithAVerifiableSessionToken() {
        Response response = given().header("X-Client-IP", "203.0.113.7")
                .queryParam("user", "Jane Doe_1").queryParam("aud", "blog")
                .when().get("/auth/anonymous/login");
        response.then().statusCode(200)
                .body("name", equalTo("Jane Doe_1"))
                .body("id", startsWith("anonymous_"))
                .body("picture", equalTo(""))
                .body("attrs.admin", equalTo(false))
                .body("attrs.blocked", equalTo(false));
        Cookie jwt = response.detailedCookie("JWT");
        Cookie xsrf = response.detailedCookie("XSRF-TOKEN");
        assertTrue(jwt.isHttpOnly());
        assertFalse(xsrf.isHttpOnly());
        assertEquals("/", jwt.getPath());
        assertEquals(200 * 3600, jwt.getMaxAge());
        assertFalse(jwt.isSecured());

        SessionUser user = Sessions.verify(jwt.getValue(), true, xsrf.getValue());
        assertEquals("blog", user.site());
        assertEquals("anonymous", user.provider());
        assertEquals(xsrf.getValue(), user.tokenId());
        assertEquals(response.path("id"), user.id());
        // The id is Remark42's: sha1(name + client address); another address is another user.
        String other = given().header("X-Client-IP", "203.0.113.8").queryParam("user", "Jane Doe_1")
                .queryParam("aud", "blog").when().get("/auth/anonymous/login").path("id");
        assertNotEquals(user.id(), other);
        // A cookie token without its XSRF header is refused by every verifier.
        assertThrows(SessionException.class, () -> Sessions.verify(jwt.getValue(), true, null));
    }

    @Test
    void sessionLoginGivesSessionCookiesAndHttpsGivesSecureOnes() {
        Response response = given().header("X-Forwarded-Proto", "https").queryParam("user", "Session Only")
                .queryParam("aud", "remark").queryParam("session", "1").when().get("/auth/anonymous/login");
        response.then().statusCode(200);
        assertEquals(-1, response.detailedCookie("JWT").getMaxAge());
        assertTrue(response.detailedCookie("JWT").isSecured());
        assertTrue(response.detailedCookie("XSRF-TOKEN").isSecured());
    }

    @Test
    void namesFollowRemark42Rules() {
        for (String bad : new String[]{"ab", " leading", "trailing ", "semi;colon", "x".repeat(65), "<script>"}) {
            given().queryParam("user", bad).queryParam("aud", "remark").when().get("/auth/anonymous/login")
                    .then().statusCode(403).contentType(ContentType.JSON)
                    .body("error", equalTo("incorrect user or password"));
        }
        given().when().get("/auth/anonymous/login").then().statusCode(403);
        given().queryParam("user", "Good Name").queryParam("aud", "bad/site").when().get("/auth/anonymous/login")
                .then().statusCode(403);
        given().queryParam("user", "Ünïcödé ok").when().get("/auth/anonymous/login").then().statusCode(200)
                .cookie("JWT");
    }

    @Test
    void postAcceptsJsonAndFormBodies() {
        given().contentType(ContentType.JSON).body(Map.of("user", "Json User", "passwd", "", "aud", "remark"))
                .when().post("/auth/anonymous/login").then().statusCode(200).body("name", equalTo("Json User"));
        given().contentType(ContentType.URLENC).formParam("user", "Form User").formParam("aud", "remark")
                .when().post("/auth/anonymous/login").then().statusCode(200).body("name", equalTo("Form User"));
        given().contentType(ContentType.JSON).body("{not json").when().post("/auth/anonymous/login")
                .then().statusCode(400);
    }
}
