package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** feed-service has two live replicas; votes-service has a dead replica and a live one. */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class LoadBalancingTest {

    @Test
    void replicasTakeTurns() {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            servers.add(given().when().get("/api/v1/list?site=remark").then().statusCode(200)
                    .extract().header("X-Upstream"));
        }
        assertEquals(Set.of("feed-1", "feed-2"), Set.copyOf(servers));
        for (int i = 1; i < servers.size(); i++) {
            assertNotEquals(servers.get(i - 1), servers.get(i), "round-robin order: " + servers);
        }
    }

    @Test
    void deadReplicaIsSkipped() {
        for (int i = 0; i < 6; i++) {
            String method = i % 2 == 0 ? "GET" : "POST";
            given().when().request(method, "/api/v1/vote/c" + i + "?site=remark&vote=1")
                    .then().statusCode(200)
                    .header("X-Upstream", "votes-1");
        }
    }
}
