package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Isso's site-wide latest comments and per-thread Atom feed, served by feed-service through the gateway. */
class IssoFeedIT extends GatewayTest {

    @Test
    void latestListsTheNewestRepliesAscending() {
        String uri = Isso.freshUri("latest");
        long top = isso.postComment(uri, "Top of the latest thread").jsonPath().getLong("id");
        long first = isso.post(uri, Map.of("text", "First reply", "parent", top)).jsonPath().getLong("id");
        long second = isso.post(uri, Map.of("text", "Second reply", "parent", top, "email", "private@example.com"))
                .jsonPath().getLong("id");

        await().atMost(Duration.ofSeconds(15)).until(() -> List.of(first, second).equals(latestIds(2)));
        Response latest = given().baseUri(gatewayUrl).queryParam("limit", 2).when().get("/latest");
        latest.then().statusCode(200)
                .body(not(containsString("private@example.com")))
                .body("[1].uri", org.hamcrest.Matchers.equalTo(uri));
        given().baseUri(gatewayUrl).when().get("/latest").then().statusCode(400);
        given().baseUri(gatewayUrl).queryParam("limit", 0).when().get("/latest").then().statusCode(400);
        given().baseUri(gatewayUrl).queryParam("limit", "x").when().get("/latest").then().statusCode(400);
    }

    @Test
    void threadFeedIsAtomWithConditionalRequests() {
        String uri = Isso.freshUri("feed");
        long id = isso.postComment(uri, "Feed *me*").jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(15)).until(() -> feed(uri).asString().contains("Comment #" + id));

        Response feed = feed(uri);
        feed.then().statusCode(200)
                .contentType(startsWith("text/xml"))
                .body(containsString("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
                .body(containsString("https://blog.example.com" + uri + "#isso-" + id))
                .body(containsString("&lt;em&gt;me&lt;/em&gt;"));
        String etag = feed.header("ETag");
        given().baseUri(gatewayUrl).queryParam("uri", uri).header("If-None-Match", etag).when().get("/feed")
                .then().statusCode(304);
        given().baseUri(gatewayUrl).queryParam("uri", uri).queryParam("limit", "lots").when().get("/feed")
                .then().statusCode(400);
        given().baseUri(gatewayUrl).when().get("/feed").then().statusCode(400);
    }

    private Response feed(String uri) {
        return given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/feed");
    }

    private List<Long> latestIds(int limit) {
        return given().baseUri(gatewayUrl).queryParam("limit", limit).when().get("/latest")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }
}
