package io.parley.votes.rest;

import static io.parley.votes.support.Events.comment;
import static io.parley.votes.support.Events.newCommentId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentModerated;
import io.parley.events.comments.CommentState;
import io.parley.votes.support.EventTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Isso like/dislike against the real broker and store: the comment replica comes from comment events. */
@QuarkusTest
class IssoVoteTest extends EventTest {

    private static final String SITE = "remark";
    private static final String URL = "/isso/post";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private long publishedComment(String authorNetwork) {
        long id = newCommentId();
        events.posted(SITE, URL, comment(id, CommentState.PUBLISHED, null, authorNetwork, 1));
        // The first vote may wait for the replica; from then on it is known.
        await().atMost(PATIENCE).untilAsserted(() -> like(id, "203.0.113.250").then().statusCode(200)
                .body("likes", equalTo(1)));
        return id;
    }

    private static Response like(long id, String ip) {
        return given().header("X-Client-IP", ip).contentType("application/json").when().post("/id/" + id + "/like");
    }

    private static Response dislike(long id, String ip) {
        return given().header("X-Client-IP", ip).contentType("application/json; charset=utf-8")
                .when().post("/id/" + id + "/dislike");
    }

    @Test
    void oneVotePerNetworkAndNeverFromTheAuthorsNetwork() {
        long id = publishedComment("192.0.2.0");
        // 203.0.113.250 liked once already (publishedComment).
        like(id, "198.51.100.7").then().statusCode(200).contentType(containsString("application/json"))
                .body("likes", equalTo(2)).body("dislikes", equalTo(0)).body("$", not(hasKey("message")));
        // Same /24 network: already registered, nothing changes.
        dislike(id, "198.51.100.200").then().statusCode(200).body("likes", equalTo(2)).body("dislikes", equalTo(0))
                .body("message", equalTo("Downvote denied because a vote has already been registered for this "
                        + "remote address"));
        dislike(id, "2001:db8:1:2::5").then().statusCode(200).body("likes", equalTo(2)).body("dislikes", equalTo(1));
        dislike(id, "2001:db8:1:ffff::9").then().statusCode(200).body("dislikes", equalTo(1))
                .body("message", containsString("already been registered"));
        // The author's own network.
        like(id, "192.0.2.99").then().statusCode(200).body("likes", equalTo(2))
                .body("message", equalTo("Upvote denied because a vote has already been registered for this "
                        + "remote address"));
    }

    @Test
    void unknownAndHiddenCommentsAnswerNull() {
        like(newCommentId(), "198.51.100.7").then().statusCode(200).body(equalTo("null"));
        long pending = newCommentId();
        events.posted(SITE, URL, comment(pending, CommentState.PENDING, null, "192.0.2.0", 1));
        await().atMost(PATIENCE).untilAsserted(() -> {
            // Once the replica holds it (as pending) the answer stays null; then it is published and counts.
            events.commentEvent(CommentEventTypes.MODERATED, SITE, URL, new CommentModerated(SITE, URL,
                    comment(pending, CommentState.PUBLISHED, null, "192.0.2.0", 2)));
            like(pending, "198.51.100.7").then().statusCode(200).body("likes", equalTo(1));
        });
        // Another site's comment is not reachable through Isso.
        long elsewhere = newCommentId();
        events.posted("other-site", URL, comment(elsewhere, CommentState.PUBLISHED, null, "192.0.2.0", 1));
        like(elsewhere, "198.51.100.7").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void aVoteRightAfterTheCommentWaitsForItsEvent() throws Exception {
        long id = newCommentId();
        CompletableFuture<Response> vote = CompletableFuture.supplyAsync(() -> like(id, "198.51.100.7"));
        Thread.sleep(300); // the vote is in flight before the event is sent: that is the case under test
        events.posted(SITE, URL, comment(id, CommentState.PUBLISHED, null, "192.0.2.0", 1));
        Response response = vote.get();
        assertEquals(200, response.statusCode());
        assertEquals(1, response.jsonPath().getInt("likes"));
    }

    @Test
    void csrfGuardAndBadIds() {
        long id = newCommentId();
        given().header("X-Client-IP", "198.51.100.7").contentType("text/plain").body("x")
                .when().post("/id/" + id + "/like").then().statusCode(403).body(containsString("CSRF"));
        given().header("X-Client-IP", "198.51.100.7").contentType("application/x-www-form-urlencoded")
                .when().post("/id/" + id + "/dislike").then().statusCode(403);
        given().header("Accept", "application/json").contentType("text/plain").body("x")
                .when().post("/id/" + id + "/like").then().statusCode(403)
                .body("message", equalTo("403 Forbidden: CSRF"));
        given().when().post("/id/abc/like").then().statusCode(404);
        given().when().post("/id/-1/like").then().statusCode(404);
        given().when().get("/id/1/like").then().statusCode(405);
    }
}
