package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A thread's life through the gateway as Isso's client lives it: post, reply, reply to a reply, list, edit with
 * the edit cookie, delete; the counts in feed-service follow every change.
 */
class IssoThreadIT extends GatewayTest {

    @Test
    void threadIsListedEditedAndDeletedWithCountsFollowing() {
        String uri = Isso.freshUri("thread");
        Response top = isso.postComment(uri, "Top-level comment");
        top.then().statusCode(201);
        long topId = top.jsonPath().getLong("id");
        Response reply = isso.post(uri, withParent("A reply", topId));
        long replyId = reply.jsonPath().getLong("id");
        Response nested = isso.post(uri, withParent("A reply to the reply", replyId));
        nested.then().statusCode(201).body("parent", equalTo((int) topId));
        long nestedId = nested.jsonPath().getLong("id");

        given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/")
                .then().statusCode(200)
                .body("total_replies", equalTo(3))
                .body("replies", hasSize(1))
                .body("replies[0].id", equalTo((int) topId))
                .body("replies[0].replies.id", contains((int) replyId, (int) nestedId))
                .body("replies[0].replies.parent", contains((int) topId, (int) topId));
        await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 3);

        // Edit: only with this comment's own cookie.
        given().baseUri(gatewayUrl).contentType(ContentType.JSON).cookie(String.valueOf(topId), cookieOf(reply, replyId))
                .body(Map.of("text", "Hijacked")).when().put("/id/" + topId).then().statusCode(403);
        given().baseUri(gatewayUrl).contentType(ContentType.JSON).cookie(String.valueOf(topId), cookieOf(top, topId))
                .body(Map.of("text", "Edited *top*")).when().put("/id/" + topId)
                .then().statusCode(200).body("text", equalTo("<p>Edited <em>top</em></p>"));
        given().baseUri(gatewayUrl).cookie(String.valueOf(topId), cookieOf(top, topId))
                .queryParam("plain", 1).when().get("/id/" + topId)
                .then().statusCode(200).body("text", equalTo("Edited *top*"));

        // Deleting a comment with replies keeps it as a placeholder (mode 4) that is no longer counted.
        Response listed = given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/");
        assertEquals("<p>Edited <em>top</em></p>", listed.jsonPath().getString("replies[0].text"));
        given().baseUri(gatewayUrl).contentType(ContentType.JSON)
                .cookie(String.valueOf(nestedId), cookieOf(nested, nestedId))
                .when().delete("/id/" + nestedId).then().statusCode(200).body(equalTo("null"));
        given().baseUri(gatewayUrl).contentType(ContentType.JSON)
                .cookie(String.valueOf(replyId), cookieOf(reply, replyId))
                .when().delete("/id/" + replyId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 1);
        given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/")
                .then().statusCode(200).body("total_replies", equalTo(1)).body("replies[0].replies", hasSize(0));
    }

    @Test
    void softDeletedParentShowsAsPlaceholderUntilItsLastReplyGoes() {
        String uri = Isso.freshUri("placeholder");
        Response top = isso.postComment(uri, "Will be deleted");
        long topId = top.jsonPath().getLong("id");
        Response reply = isso.post(uri, withParent("Keeps the parent alive", topId));
        long replyId = reply.jsonPath().getLong("id");

        given().baseUri(gatewayUrl).contentType(ContentType.JSON).cookie(String.valueOf(topId), cookieOf(top, topId))
                .when().delete("/id/" + topId)
                .then().statusCode(200).body("mode", equalTo(4)).body("author", nullValue());
        given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/")
                .then().statusCode(200).body("replies[0].mode", equalTo(4)).body("replies[0].text", equalTo("<p></p>"));
        await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 1);

        given().baseUri(gatewayUrl).contentType(ContentType.JSON)
                .cookie(String.valueOf(replyId), cookieOf(reply, replyId))
                .when().delete("/id/" + replyId).then().statusCode(200);
        given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/")
                .then().statusCode(200).body("total_replies", equalTo(0)).body("replies", hasSize(0));
        await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 0);
    }

    @Test
    void badParametersAreClientErrors() {
        String uri = Isso.freshUri("bad-params");
        isso.postComment(uri, "Something to list").then().statusCode(201);
        for (String[] param : new String[][] {{"sort", "sideways"}, {"limit", "ten"}, {"offset", "-1"},
                {"parent", "x"}, {"nested_limit", "many"}}) {
            given().baseUri(gatewayUrl).queryParam("uri", uri).queryParam(param[0], param[1]).when().get("/")
                    .then().statusCode(400);
        }
        given().baseUri(gatewayUrl).when().get("/").then().statusCode(400);
        given().baseUri(gatewayUrl).when().get("/id/999999999").then().statusCode(404);
        given().baseUri(gatewayUrl).contentType(ContentType.JSON).body(Map.of("text", "x"))
                .when().put("/id/999999999").then().statusCode(403);
    }

    private static Map<String, Object> withParent(String text, long parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        body.put("author", "Replier");
        body.put("parent", parent);
        return body;
    }

    private static String cookieOf(Response created, long id) {
        return created.getCookie(String.valueOf(id));
    }
}
