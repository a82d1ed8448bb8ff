package io.parley.feed.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.feed.service.CommentQueryService;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;

/**
 * comment-events on a real broker → the per-comment read model in the Mongo wire server → Isso /latest and
 * /feed and Remark42 /last (both Isso features are enabled for tests in application.properties).
 */
@QuarkusTest
class CommentReadModelTest extends EventSendingTest {

    private static final String SITE = "remark";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String EMAIL = "ada@example.com";
    private static final String NETWORK = "192.168.1.0";

    @Inject
    CommentQueryService queries;

    /** Later than anything other tests post, so these comments are the site's newest. */
    private Instant now = Instant.parse("2031-01-01T00:00:00.000001Z");
    private long lastId = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, Long.MAX_VALUE / 2);

    @Test
    void latestListsTheNewestPublishedCommentsOldestFirst() {
        String url = uniqueUrl();
        CommentData first = comment(newId(), null, CommentState.PUBLISHED, 1, "first");
        CommentData reply = comment(newId(), first.id(), CommentState.PUBLISHED, 1, "reply");
        CommentData pending = comment(newId(), null, CommentState.PENDING, 1, "pending");
        CommentData newest = comment(newId(), null, CommentState.PUBLISHED, 1, "newest");
        for (CommentData data : List.of(first, reply, pending, newest)) {
            sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, data));
        }

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("limit", 2)
                .when().get("/latest")
                .then().statusCode(200).body("id", contains(reply.id(), newest.id())));
        Response latest = given().queryParam("limit", 3).when().get("/latest");
        latest.then().statusCode(200).contentType("application/json")
                .body("id", contains(first.id(), reply.id(), newest.id()))
                .body("[1].parent", equalTo(first.id())).body("[0].parent", nullValue())
                .body("[1].uri", equalTo(url)).body("[1].author", equalTo("Ada &amp; Co"))
                .body("[1].website", equalTo("https://ada.example")).body("[1].text", equalTo("<p>reply</p>"))
                .body("[1].mode", equalTo(1)).body("[1].likes", equalTo(0)).body("[1].dislikes", equalTo(0))
                .body("[1].modified", nullValue()).body("[1]", not(hasKey("hash")));
        noPrivateData(latest.asString());
        // Float seconds with microseconds, as Isso's JSON has them.
        assertEquals(reply.created().getEpochSecond() + ".000001", createdLiteral(latest.asString(), reply.id()));
    }

    @Test
    void latestRefusesBadLimits() {
        for (String limit : List.of("0", "-1", "abc", "1.5", "")) {
            given().queryParam("limit", limit).when().get("/latest")
                    .then().statusCode(400).contentType(startsWith("text/html"))
                    .body(containsString("Query parameter 'limit' is mandatory (integer, &gt;0)"));
        }
        given().when().get("/latest").then().statusCode(400).body(not(containsString("Exception")));
    }

    @Test
    void feedListsTheThreadAsIssoDoes() {
        String uri = "/feed-" + UUID.randomUUID() + "/";
        CommentData older = comment(newId(), null, CommentState.PUBLISHED, 1, "older");
        CommentData reply = comment(newId(), older.id(), CommentState.PUBLISHED, 1, "reply");
        CommentData newer = comment(newId(), null, CommentState.PUBLISHED, 1, "newer");
        CommentData pending = comment(newId(), null, CommentState.PENDING, 1, "pending");
        for (CommentData data : List.of(older, reply, newer, pending)) {
            sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, uri, data));
        }
        long tid = IssoFeedResource.threadId(SITE, uri);
        String tag = "tag:blog.example.com,2018:/isso/";

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("uri", uri).when().get("/feed")
                .then().statusCode(200).body("feed.entry.size()", equalTo(3)));
        // A smaller request limit cannot lower Isso's configured 100.
        Response feed = given().queryParam("uri", uri).queryParam("limit", 1).when().get("/feed");
        feed.then().statusCode(200).contentType(equalTo("text/xml"))
                .header("ETag", equalTo("\"" + tid + "-" + newer.id() + "\"")).header("Last-Modified", not(nullValue()));
        String body = feed.asString();
        assertEquals(true, body.startsWith("<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
                + " xmlns:thr=\"http://purl.org/syndication/thread/1.0\">"), body);
        noPrivateData(body);
        XmlPath xml = new XmlPath(body);
        assertEquals(tag + "thread" + uri, xml.getString("feed.id"));
        assertEquals("Comments for blog.example.com" + uri, xml.getString("feed.title"));
        assertEquals(IssoAtomFeed.time(newer.created()), xml.getString("feed.updated"));
        // Top-level comments highest id first, then replies oldest first.
        assertEquals(List.of(tag + tid + "/" + newer.id(), tag + tid + "/" + older.id(), tag + tid + "/" + reply.id()),
                xml.getList("feed.entry.id"));
        assertEquals("Comment #" + reply.id(), xml.getString("feed.entry[2].title"));
        assertEquals("https://blog.example.com" + uri + "#isso-" + reply.id(), xml.getString("feed.entry[2].link.@href"));
        assertEquals("Ada &amp; Co", xml.getString("feed.entry[2].author.name"));
        assertEquals("<p>reply</p>", xml.getString("feed.entry[2].content"));
        assertEquals(true, body.contains("<content type=\"html\">&lt;p&gt;reply&lt;/p&gt;</content><thr:in-reply-to ref=\""
                + tag + tid + "/" + older.id() + "\" href=\"https://blog.example.com" + uri + "#isso-" + older.id()
                + "\"/></entry>"), body);
        assertEquals(1, body.split("in-reply-to").length - 1, body);

        given().queryParam("uri", uri).header("If-None-Match", feed.header("ETag"))
                .when().get("/feed").then().statusCode(304).header("ETag", equalTo(feed.header("ETag")));
        given().queryParam("uri", uri).header("If-None-Match", "\"other\"")
                .when().get("/feed").then().statusCode(200);
    }

    @Test
    void feedOfAnUnknownThreadIsEmptyAndBadInputIs400() {
        String uri = "/nothing-" + UUID.randomUUID() + "/";
        given().queryParam("uri", uri).when().get("/feed")
                .then().statusCode(200).header("ETag", equalTo("\"empty\""))
                .body("feed.updated", equalTo("1970-01-01T01:00:00Z")).body("feed.entry.size()", equalTo(0));
        given().queryParam("uri", uri).header("If-None-Match", "\"empty\"").when().get("/feed").then().statusCode(304);
        given().queryParam("uri", uri).queryParam("limit", "ten").when().get("/feed")
                .then().statusCode(400).body(containsString(IssoFeedResource.BAD_LIMIT));
        given().when().get("/feed").then().statusCode(400).body(containsString("missing uri query"));
    }

    @Test
    void redeliveriesStaleVersionsAndDeletesAreAppliedOnce() {
        String uri = "/replay-" + UUID.randomUUID() + "/";
        CommentData posted = comment(newId(), null, CommentState.PUBLISHED, 1, "v1");
        CommentData edited = new CommentData(posted.id(), null, CommentState.PUBLISHED, posted.author(), "v2",
                "<p>v2</p>", "A post", posted.created(), posted.created().plusSeconds(5), 2);
        CommentData other = comment(newId(), null, CommentState.PUBLISHED, 1, "other");
        String eventId = UUID.randomUUID().toString();
        sender.send(eventId, CommentEventTypes.POSTED, new CommentPosted(SITE, uri, posted));
        sender.send(CommentEventTypes.EDITED, new CommentEdited(SITE, uri, edited));
        // The same event again and a stale copy after the newer version.
        sender.send(eventId, CommentEventTypes.POSTED, new CommentPosted(SITE, uri, posted));
        sender.send(CommentEventTypes.EDITED, new CommentEdited(SITE, uri, edited));
        // A later marker on the same partition: once it is visible, everything above was processed.
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, uri, other));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("uri", uri).when().get("/feed")
                .then().statusCode(200).body("feed.entry.size()", equalTo(2)));
        given().queryParam("uri", uri).when().get("/feed").then()
                .body("feed.entry.find { it.title == 'Comment #" + posted.id() + "' }.content", equalTo("<p>v2</p>"))
                .body("feed.entry.find { it.title == 'Comment #" + posted.id() + "' }.updated",
                        equalTo(IssoAtomFeed.time(edited.modified())));

        CommentData deleted = new CommentData(posted.id(), null, CommentState.DELETED, null, "", "", "A post",
                posted.created(), edited.modified(), 3);
        sender.send(CommentEventTypes.DELETED, new CommentDeleted(SITE, uri, deleted));
        sender.send(CommentEventTypes.EDITED, new CommentEdited(SITE, uri, edited));
        CommentData marker = comment(newId(), null, CommentState.PUBLISHED, 1, "marker");
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, uri, marker));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("uri", uri).when().get("/feed")
                .then().statusCode(200).body("feed.entry.title", contains("Comment #" + marker.id(),
                        "Comment #" + other.id())));
        // The tombstone stays in the store (so no stale copy can revive it) but is never listed.
        assertEquals(List.of(marker.id(), other.id()),
                queries.thread(SITE, uri, 10).await().atMost(PATIENCE).stream().map(c -> c.id()).toList());
    }

    @Test
    void remarkLastShowsCommentsOfASiteNewestFirst() {
        String site = "last-" + UUID.randomUUID();
        String url = uniqueUrl();
        CommentData first = comment(newId(), null, CommentState.PUBLISHED, 1, "first");
        CommentData second = comment(newId(), first.id(), CommentState.PUBLISHED, 1, "second");
        CommentData gone = comment(newId(), null, CommentState.DELETED, 2, "gone");
        CommentData third = comment(newId(), null, CommentState.PUBLISHED, 1, "third");
        for (CommentData data : List.of(first, second, gone, third)) {
            sender.send(CommentEventTypes.POSTED, new CommentPosted(site, url, data));
        }

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).when().get("/api/v1/last/0")
                .then().statusCode(200).body("", hasSize(3)));
        Response last = given().queryParam("site", site).when().get("/api/v1/last/2");
        last.then().statusCode(200)
                .body("id", contains(Long.toString(third.id()), Long.toString(second.id())))
                .body("[1].pid", equalTo(Long.toString(first.id()))).body("[0].pid", equalTo(""))
                .body("[1].text", equalTo("<p>second</p>")).body("[1].orig", equalTo("second"))
                .body("[1].user.name", equalTo("Ada &amp; Co")).body("[1].user.id", equalTo("anonymous_f00d"))
                .body("[1].user.admin", equalTo(false)).body("[1].user", not(hasKey("ip")))
                .body("[1].locator.site", equalTo(site)).body("[1].locator.url", equalTo(url))
                .body("[1].score", equalTo(0)).body("[1].vote", equalTo(0)).body("[1].title", equalTo("A post"))
                .body("[1].time", equalTo(second.created().toString())).body("[1]", not(hasKey("delete")))
                .body("[1]", not(hasKey("edit")));
        noPrivateData(last.asString());
        given().queryParam("site", site).queryParam("since", second.created().toEpochMilli() + 1)
                .when().get("/api/v1/last/10")
                .then().statusCode(200).body("id", contains(Long.toString(third.id())));
        given().queryParam("site", site).queryParam("since", "yesterday").when().get("/api/v1/last/10")
                .then().statusCode(400).body("code", equalTo(2)).body("details", equalTo("can't translate since parameter"));
    }

    private static void noPrivateData(String body) {
        assertEquals(false, body.contains(EMAIL), body);
        assertEquals(false, body.contains(NETWORK), body);
    }

    /** The literal JSON number of a comment's created time in /latest. */
    private static String createdLiteral(String json, long id) {
        int item = json.indexOf("\"id\":" + id + ",");
        int start = json.indexOf("\"created\":", item) + "\"created\":".length();
        int end = json.indexOf(',', start);
        return json.substring(start, end);
    }

    private CommentData comment(long id, Long parent, CommentState state, long version, String text) {
        now = now.plusSeconds(1);
        return new CommentData(id, parent, state,
                new CommentAuthor("Ada &amp; Co", null, EMAIL, "https://ada.example", "f00d", NETWORK, false),
                text, "<p>" + text + "</p>", "A post", now, null, version);
    }

    /** Ids grow with time, as the store's ids do; the start is random so test runs never share ids. */
    private long newId() {
        return ++lastId;
    }

    private static String uniqueUrl() {
        return "https://blog.example.com/" + UUID.randomUUID() + "/";
    }
}
