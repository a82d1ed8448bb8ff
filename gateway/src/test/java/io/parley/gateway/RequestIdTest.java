package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void saneIncomingIdIsKeptEndToEnd() {
        given().header("X-Request-Id", "req-2026.11.23:abc")
                .when().get("/api/v1/find")
                .then().statusCode(200)
                .header("X-Request-Id", "req-2026.11.23:abc")
                .body("headers.'x-request-id'", equalTo("req-2026.11.23:abc"));
    }

    @Test
    void missingIdIsGeneratedAndSentUpstream() {
        Response response = given().when().get("/api/v1/find");
        response.then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.'x-request-id'"));
    }

    @Test
    void insaneIdIsReplaced() {
        given().header("X-Request-Id", "<script>alert(1)</script> with spaces")
                .when().get("/api/v1/find")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID))
                .body("headers.'x-request-id'", matchesPattern(UUID));
    }

    @Test
    void gatewayAnswersHaveAnIdToo() {
        given().when().get("/nope").then().statusCode(404).header("X-Request-Id", matchesPattern(UUID));
    }
}
