package io.parley.comments.rest;

import io.parley.comments.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(IssoModerationTest.ModerationOn.class)
class IssoModerationTest {

    public static class ModerationOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.isso.moderation.enabled", "true");
        }
    }

    @Test
    void withModerationNewCommentsArePendingAnd202() throws Exception {
        long id = given().contentType(ContentType.JSON).queryParam("uri", TestSupport.uniqueUri())
                .body("{\"text\": \"please approve\"}").post("/new")
                .then().statusCode(202)
                .body("mode", equalTo(2))
                .header("X-Set-Cookie", startsWith("isso-"))
                .extract().jsonPath().getLong("id");
        assertEquals("PENDING", TestSupport.row("select state from comments where id = ?", id).get("state"));
    }
}
