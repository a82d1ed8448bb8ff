package io.parley.feed.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.events.comments.PostUpdated;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteTotals;
import io.parley.feed.support.CommentEventSender;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.test.junit.QuarkusTest;

/** vote-events and post.updated on a real broker: the highest version wins, whatever the arrival order. */
@QuarkusTest
class VotesAndPostUpdatesTest extends EventSendingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-23T13:00:00Z");

    @Test
    void lastShowsTheNewestVoteTotals() {
        String site = "votes-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        long id = ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000L);
        // The vote may well arrive before its comment: votes and comments travel on different topics.
        sender.send(new VoteCast(site, url, id, new VoteTotals(3, 1, 2, 1.5874), 4, AT));
        sender.send(CommentEventTypes.POSTED,
                new CommentPosted(site, url, CommentEventSender.comment(id, CommentState.PUBLISHED, 1)));
        sender.send(new VoteCast(site, url, id, new VoteTotals(1, 0, 1, 0.0), 2, AT)); // stale: ignored

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).when().get("/api/v1/last/10")
                .then().statusCode(200).body("[0].id", equalTo(Long.toString(id))).body("[0].score", equalTo(2))
                .body("[0].controversy", equalTo(1.5874f)));
        sender.send(new VoteCast(site, url, id, new VoteTotals(3, 3, 0, 0.0), 5, AT));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).when().get("/api/v1/last/10")
                .then().body("[0].score", equalTo(0)).body("[0]", not(hasKey("controversy"))));
    }

    @Test
    void postUpdatesSetTitleAndReadOnly() {
        String site = "posts-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, url, CommentEventSender.comment(
                ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000L), CommentState.PUBLISHED, 1)));
        sender.send(new PostUpdated(site, url, "Closed thread", true, 2));
        sender.send(new PostUpdated(site, url, "Older", false, 1)); // stale: ignored

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).queryParam("url", url)
                .when().get("/api/v1/info")
                .then().statusCode(200).body("read_only", equalTo(true)).body("count", equalTo(1)));
        sender.send(new PostUpdated(site, url, null, false, 3));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).queryParam("url", url)
                .when().get("/api/v1/info").then().body("$", not(hasKey("read_only"))));
    }
}
