package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class MetricsTest {

    @Test
    void requestsAreCountedPerRouteTemplateNotPerId() {
        given().when().post("/id/4242/like").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(allOf(
                        containsString("uri=\"/id/{id}/like\""),
                        matchesRegex("(?s).*parley_gateway_requests_seconds_count\\{[^}]*route=\"/id/\\{id\\}/like\"[^}]*service=\"votes-service\".*"),
                        not(containsString("4242"))));
    }
}
