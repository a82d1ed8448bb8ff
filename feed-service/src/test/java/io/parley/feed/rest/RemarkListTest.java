package io.parley.feed.rest;

import static io.parley.feed.support.CommentEventSender.comment;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.test.junit.QuarkusTest;

/** Remark42 {@code GET /api/v1/list} from events on a real broker into the Mongo read model. */
@QuarkusTest
class RemarkListTest extends EventSendingTest {

    // A site of its own, so other tests' posts never show up in its list.
    private final String site = "list-" + UUID.randomUUID();

    @Test
    void listsPostsWithPublishedCommentsPagedInRemark42Order() {
        long base = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 10;
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, "/a", comment(base + 1, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, "/b", comment(base + 2, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, "/b", comment(base + 3, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, "/c", comment(base + 4, CommentState.PUBLISHED, 1)));
        // Only a pending comment: not a commented post yet.
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, "/pending", comment(base + 5, CommentState.PENDING, 1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("site", site).when().get("/api/v1/list")
                .then().extract().jsonPath().getList("url").size() == 3);
        given().queryParam("site", site).when().get("/api/v1/list")
                .then().statusCode(200)
                .body("url", contains("/c", "/b", "/a"))
                .body("count", contains(1, 2, 1))
                .body("[0].count_left", equalTo(0));
        given().queryParam("site", site).queryParam("skip", 1).queryParam("limit", 1).when().get("/api/v1/list")
                .then().statusCode(200).body("url", contains("/b"));
        given().queryParam("site", site).queryParam("limit", "many").when().get("/api/v1/list")
                .then().statusCode(200).body("", hasSize(3));
        given().queryParam("site", "a|b").when().get("/api/v1/list").then().statusCode(400).body("code", equalTo(6));
        given().queryParam("site", "list-" + UUID.randomUUID()).when().get("/api/v1/list")
                .then().statusCode(200).body("", hasSize(0));
    }
}
