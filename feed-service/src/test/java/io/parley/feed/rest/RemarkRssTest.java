package io.parley.feed.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.test.junit.QuarkusTest;

/** Remark42's RSS feeds from events on a real broker, read as RSS 2.0. */
@QuarkusTest
class RemarkRssTest extends EventSendingTest {

    private final String site = "rss-" + UUID.randomUUID();
    private final long base = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 10;

    @Test
    void postSiteAndReplyFeeds() {
        Instant now = Instant.now();
        post(comment(base + 1, null, "alice", "Alice", "<p>What do you think of <b>this</b>?</p>", now.minusSeconds(60)));
        post(comment(base + 2, base + 1, "bob", "Bob", "<p>I like it</p>", now.minusSeconds(30)));
        post(comment(base + 3, base + 1, "alice", "Alice", "<p>Thanks</p>", now.minusSeconds(10)));

        await().atMost(Duration.ofSeconds(30)).until(() -> feed("/api/v1/rss/site", "site", site).contains("Thanks"));

        String postFeed = feed("/api/v1/rss/post", "url", "/article");
        assertTrue(postFeed.contains("<title>Remark42 comments</title>"), postFeed);
        assertTrue(postFeed.contains("<description>post comments for /article</description>"), postFeed);
        assertTrue(postFeed.contains("<title>Bob &gt; Alice, The article</title>"), postFeed);
        assertTrue(postFeed.contains("<link>/article#remark42__comment-" + (base + 2) + "</link>"), postFeed);
        assertTrue(postFeed.contains("What do you think of this?"), "parent snippet in the reply: " + postFeed);
        assertTrue(postFeed.indexOf("Thanks") < postFeed.indexOf("I like it"), "newest first: " + postFeed);

        String replies = feed("/api/v1/rss/reply", "user", "alice");
        assertTrue(replies.contains("<description>replies to Alice</description>"), replies);
        assertTrue(replies.contains("I like it"), replies);
        assertTrue(!replies.contains("Thanks"), "own replies are not listed: " + replies);
        assertEquals(1, replies.split("<item>").length - 1, replies);

        given().queryParam("site", site).when().get("/api/v1/rss/site")
                .then().statusCode(200).contentType(startsWith("application/xml"))
                .body(not(containsString("example.com")));
        given().queryParam("site", site).when().get("/api/v1/rss/post").then().statusCode(400).body("code", equalTo(5));
        given().queryParam("site", site).when().get("/api/v1/rss/reply").then().statusCode(400).body("code", equalTo(5));
        given().queryParam("site", "a|b").when().get("/api/v1/rss/site").then().statusCode(400).body("code", equalTo(6));
    }

    @Test
    void snippetIsPlainTextCutAtAWord() {
        assertEquals("a < b", RemarkRssResource.snippet("<p>a &lt; b</p>"));
        String cut = RemarkRssResource.snippet("<p>" + "word ".repeat(100) + "</p>");
        assertTrue(cut.endsWith("word...") && cut.length() <= 303, cut);
    }

    private void post(CommentData comment) {
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, "/article", comment));
    }

    private String feed(String path, String param, String value) {
        return given().queryParam("site", site).queryParam(param, value).when().get(path)
                .then().statusCode(200).extract().asString();
    }

    private static CommentData comment(long id, Long parent, String userId, String name, String html, Instant at) {
        return new CommentData(id, parent, CommentState.PUBLISHED,
                new CommentAuthor(name, userId, userId + "@example.com", null, "h" + id, "10.0.0.0", false),
                html, html, "The article", at, null, 1);
    }
}
