package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The foundation flow, end to end through the gateway: Isso {@code POST /new} → comments-service stores the
 * comment and an outbox row → the relay publishes {@code comment.posted} to Kafka → feed-service projects it into
 * MongoDB → Isso {@code /count} shows it.
 */
class FirstFlowIT extends GatewayTest {

    @Test
    void postedCommentIsCountedThroughTheGateway() {
        String uri = Isso.freshUri("first-flow");
        String other = Isso.freshUri("untouched");

        isso.postComment(uri, "The very first comment.")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("mode", equalTo(1))
                .body("text", equalTo("<p>The very first comment.</p>"))
                .header("Set-Cookie", notNullValue())
                .header("X-Set-Cookie", startsWith("isso-"))
                .header("X-Request-Id", notNullValue());

        await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 1);
        assertEquals(List.of(1, 0), isso.counts(List.of(uri, other)));
    }

    @Test
    void everyCommentOfAThreadIsCountedOnce() {
        String uri = Isso.freshUri("three");
        for (int i = 1; i <= 3; i++) {
            isso.postComment(uri, "Comment number " + i).then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 3);
    }

    @Test
    void badInputIsAClientErrorNotAServerError() {
        String uri = Isso.freshUri("bad-input");
        isso.post(uri, Map.of("text", "no")).then().statusCode(400);
        given().baseUri(gatewayUrl).contentType("text/plain").queryParam("uri", uri).body("{\"text\":\"hello\"}")
                .when().post("/new").then().statusCode(403);
        given().baseUri(gatewayUrl).contentType("application/json").body("{\"not\":\"an array\"}")
                .when().post("/count").then().statusCode(400);
        given().baseUri(gatewayUrl).when().get("/no/such/route").then().statusCode(404);
    }
}
