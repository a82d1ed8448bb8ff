package io.parley.auth.rest;

import io.parley.auth.Sessions;
import io.parley.auth.UserEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin user endpoints and the user events they publish. */
@QuarkusTest
class AdminUserTest {

    private String admin;

    @BeforeEach
    void signInAsAdmin() {
        // Listed in %test.parley.auth.admins.
        Response login = given().header("X-Client-IP", "198.51.100.1").queryParam("user", "Admin Tester")
                .queryParam("aud", "remark").when().get("/auth/anonymous/login");
        login.then().statusCode(200).body("attrs.admin", equalTo(true));
        admin = login.cookie("JWT");
    }

    private RequestSpecification asAdmin() {
        return given().header("X-JWT", admin).queryParam("site", "remark");
    }

    @Test
    void blockVerifyAndDeleteArePublishedInOrder() {
        Response userLogin = Sessions.anonymous("Blockable User", "remark");
        String id = userLogin.path("id");

        asAdmin().queryParam("block", "1").queryParam("ttl", "7d").when().put("/api/v1/admin/user/" + id)
                .then().statusCode(200).body("user_id", equalTo(id)).body("site_id", equalTo("remark"))
                .body("block", equalTo(true));
        String until = asAdmin().when().get("/api/v1/admin/blocked").then().statusCode(200)
                .body("id", hasItem(id)).extract().path("find { it.id == '" + id + "' }.time");
        Duration left = Duration.between(Instant.now(), Instant.parse(until));
        assertTrue(left.compareTo(Duration.ofDays(7).minusMinutes(5)) > 0 && left.compareTo(Duration.ofDays(7)) <= 0,
                "7d means seven days, not forever: " + until);
        asAdmin().when().get("/api/v1/admin/user/" + id).then().statusCode(200).body("block", equalTo(true))
                .body("name", equalTo("Blockable User"));

        asAdmin().queryParam("block", "0").when().put("/api/v1/admin/user/" + id).then().statusCode(200)
                .body("block", equalTo(false));
        asAdmin().when().get("/api/v1/admin/blocked").then().statusCode(200).body("id", not(hasItem(id)));
        asAdmin().queryParam("verified", "1").when().put("/api/v1/admin/verify/" + id).then().statusCode(200)
                .body("user", equalTo(id)).body("verified", equalTo(true));
        given().header("X-JWT", userLogin.cookie("JWT")).queryParam("site", "remark").when().get("/api/v1/user")
                .then().statusCode(200).body("verified", equalTo(true));
        asAdmin().when().delete("/api/v1/admin/user/" + id).then().statusCode(200)
                .body("user_id", equalTo(id)).body("site_id", equalTo("remark"));
        asAdmin().when().get("/api/v1/admin/user/" + id).then().statusCode(400).body("code", equalTo(0));

        List<UserEvents.Event> events = UserEvents.of(id, 4, Duration.ofSeconds(60));
        assertEquals(List.of("user.blocked", "user.unblocked", "user.verified", "user.deleted"),
                events.stream().map(UserEvents.Event::type).toList());
        assertTrue(events.get(0).body().contains("\"until\":\"") && events.get(0).body().contains("\"version\":1"),
                events.get(0).body());
        assertTrue(events.get(3).body().contains("\"version\":4"), events.get(3).body());
    }

    @Test
    void permanentBlockHasNoEnd() {
        String id = Sessions.anonymous("Forever Blocked", "remark").path("id");
        asAdmin().queryParam("block", "1").when().put("/api/v1/admin/user/" + id).then().statusCode(200)
                .body("block", equalTo(true));
        List<UserEvents.Event> events = UserEvents.of(id, 1, Duration.ofSeconds(60));
        assertEquals("user.blocked", events.get(0).type());
        assertTrue(events.get(0).body().contains("\"until\":null"), events.get(0).body());
        // A blocked user's next login carries the flag (and so is refused by every verifier).
        given().queryParam("user", "Forever Blocked").queryParam("aud", "remark").when()
                .get("/auth/anonymous/login").then().statusCode(200).body("attrs.blocked", equalTo(true));
    }

    @Test
    void onlyAdminsOfTheSiteMayAct() {
        String user = Sessions.anonymous("Not An Admin", "remark").cookie("JWT");
        given().header("X-JWT", user).queryParam("site", "remark").queryParam("block", "1")
                .when().put("/api/v1/admin/user/anonymous_x").then().statusCode(403);
        given().header("X-JWT", admin).queryParam("site", "other").when().get("/api/v1/admin/blocked")
                .then().statusCode(403);
        given().queryParam("site", "remark").when().get("/api/v1/admin/blocked").then().statusCode(401);
        given().header("X-JWT", admin + "x").queryParam("site", "remark").when().get("/api/v1/admin/blocked")
                .then().statusCode(401);
        asAdmin().queryParam("block", "1").queryParam("ttl", "soon").when().put("/api/v1/admin/user/anonymous_x")
                .then().statusCode(400).body("code", equalTo(2));
    }
}
