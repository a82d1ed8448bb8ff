package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** auth-service points at a dead port; the response timeout is 1 s in this app. */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class UpstreamFailureTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void deadUpstreamIs502WithJsonBody() {
        given().when().post("/auth/email/login?site=remark")
                .then().statusCode(502)
                .contentType("application/json")
                .body("error", equalTo("upstream unavailable"))
                .body("service", equalTo("auth-service"))
                .body(not(containsString("Exception")));
    }

    @Test
    void slowUpstreamIs504() {
        long start = System.nanoTime();
        given().when().get("/api/v1/find?site=remark&delay=5000")
                .then().statusCode(504)
                .contentType("application/json")
                .body("error", equalTo("upstream timeout"))
                .body("service", equalTo("comments-service"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 900 && millis < 4000, "answered after " + millis + " ms");
    }

    @Test
    void upstreamWithinTheTimeoutIsFine() {
        given().when().get("/api/v1/find?site=remark&delay=200")
                .then().statusCode(200)
                .body("server", equalTo("comments-1"));
    }

    @Test
    void slowUploadIsNotMistakenForASlowUpstream() throws Exception {
        try (TestClient client = new TestClient("127.0.0.1")) {
            TestClient.Response response = client.slowUpload(gateway.getPort(), "/new?uri=%2Fpost", "{\"text\":", 1_500,
                    "\"slow\"}");
            assertEquals(200, response.status());
            assertEquals("{\"text\":\"slow\"}", new JsonObject(response.body()).getString("body"));
        }
    }

    @Test
    void healthIsServedByTheGatewayItself() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
