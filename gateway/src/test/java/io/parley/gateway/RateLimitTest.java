package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Remark42's limits with the shipped rules, slowed down (one request per 100 s) so that timing on a loaded machine
 * cannot refill a bucket during the test: per client address (X-Forwarded-For from a trusted proxy) and exact path.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
@TestProfile(RateLimitTest.LimitsOn.class)
class RateLimitTest {

    public static class LimitsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.gateway.rate-limits.enabled", "true",
                    "parley.gateway.rate-limits.rules.remark-a-write.rps", "0.01",
                    "parley.gateway.rate-limits.rules.remark-b-open.rps", "0.01");
        }
    }

    @Test
    void writesAreLimitedPerClientAndExactPath() {
        given().header("X-Forwarded-For", "198.51.100.1").put("/api/v1/vote/c1?site=remark&vote=1").then()
                .statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.1").put("/api/v1/vote/c1?site=remark&vote=-1").then()
                .statusCode(429).contentType(containsString("text/plain"))
                .body(equalTo("You have reached maximum request limit."));
        given().header("X-Forwarded-For", "198.51.100.1").put("/api/v1/vote/c2?site=remark&vote=1").then()
                .statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.2").put("/api/v1/vote/c1?site=remark&vote=1").then()
                .statusCode(200);
    }

    @Test
    void readsAreLimitedByPathNotByQuery() {
        given().header("X-Forwarded-For", "198.51.100.3").get("/api/v1/find?site=remark&url=a").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.3").get("/api/v1/find?site=remark&url=b").then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.3").get("/api/v1/config?site=remark").then().statusCode(200);
    }

    @Test
    void issoRoutesAreNotLimitedHere() {
        for (int i = 0; i < 15; i++) {
            given().header("X-Forwarded-For", "198.51.100.4").get("/?uri=/a").then().statusCode(200);
        }
    }
}
