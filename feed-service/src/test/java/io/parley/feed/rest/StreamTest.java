package io.parley.feed.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.feed.support.EventSendingTest;
import io.parley.feed.support.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * comment-events → read model → post-info topic → live state → SSE, all on a real broker: the streams see
 * what happens, carry ids, resume with Last-Event-ID exactly after what the client saw, and send heartbeats.
 */
@QuarkusTest
class StreamTest extends EventSendingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final Instant now = Instant.parse("2032-01-01T00:00:00Z");
    private long nextId = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, Long.MAX_VALUE / 2);

    @Test
    void aPostedCommentReachesInfoAndLastSubscribers() throws Exception {
        String site = "stream-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        try (SseClient info = SseClient.open(infoUri(site, url, null));
             SseClient last = SseClient.open(lastUri(site, null))) {
            awaitOpen(info, last);
            CommentData comment = comment(newId(), 1, "Hello streams", 1);
            sender.send(CommentEventTypes.POSTED, new CommentPosted(site, url, comment));

            await().atMost(PATIENCE).until(() -> !info.events("info").isEmpty() && !last.events("last").isEmpty());
            SseClient.Event infoEvent = info.events("info").get(0);
            JsonNode postInfo = JSON.readTree(infoEvent.data());
            assertEquals(1, postInfo.get("count").asInt());
            assertEquals(url, postInfo.get("url").asText());
            assertEquals(comment.created().toString(), postInfo.get("last_time").asText());
            assertTrue(Long.parseLong(infoEvent.id()) >= 0, "numeric id");

            SseClient.Event lastEvent = last.events("last").get(0);
            JsonNode shown = JSON.readTree(lastEvent.data());
            assertTrue(shown.isArray(), "Remark42 sent an array holding the newest comment");
            assertEquals(Long.toString(comment.id()), shown.get(0).get("id").asText());
            assertEquals("<p>Hello streams</p>", shown.get(0).get("text").asText());
            assertEquals(site, shown.get(0).get("locator").get("site").asText());
            assertEquals("anonymous_f00d", shown.get(0).get("user").get("id").asText());
            assertEquals(infoEvent.id(), lastEvent.id(), "both come from the same post-info record");
            assertTrue(!lastEvent.data().contains("ada@example.com") && !lastEvent.data().contains("192.168.1.0"));
        }
    }

    @Test
    void reconnectingWithLastEventIdGetsExactlyWhatWasMissed() {
        String site = "resume-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        String seenId;
        try (SseClient last = SseClient.open(lastUri(site, null))) {
            awaitOpen(last);
            sender.send(CommentEventTypes.POSTED, new CommentPosted(site, url, comment(newId(), 1, "one", 1)));
            await().atMost(PATIENCE).until(() -> last.events("last").size() == 1);
            seenId = last.events("last").get(0).id();
        }
        // Missed while away: two comments on two posts (bursts on one post may be coalesced by the relay).
        CommentData two = comment(newId(), 1, "two", 2);
        CommentData three = comment(newId(), 1, "three", 3);
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, url, two));
        String other = url + "other/";
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).queryParam("url", url)
                .when().get("/api/v1/info").then().body("count", equalTo(2)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, other, three));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).queryParam("url", other)
                .when().get("/api/v1/info").then().body("count", equalTo(1)));

        try (SseClient resumed = SseClient.open(lastUri(site, null), seenId)) {
            await().atMost(PATIENCE).until(() -> resumed.events("last").size() >= 2);
            List<SseClient.Event> events = resumed.events("last");
            assertEquals(2, events.size(), "nothing before the last seen id again: " + events);
            assertTrue(events.get(0).data().contains("\"" + two.id() + "\""), events.get(0).data());
            assertTrue(events.get(1).data().contains("\"" + three.id() + "\""), events.get(1).data());
            assertTrue(Long.parseLong(events.get(0).id()) > Long.parseLong(seenId));
            assertTrue(Long.parseLong(events.get(1).id()) > Long.parseLong(events.get(0).id()));
        }
        // An info stream resumed from the same id gets the post's current info once (coalesced).
        try (SseClient info = SseClient.open(infoUri(site, url, null), seenId)) {
            await().atMost(PATIENCE).until(() -> info.events("info").size() == 1);
            assertTrue(info.events("info").get(0).data().contains("\"count\":2"), info.events().toString());
        }
    }

    @Test
    void sinceReplaysNewerStateAndDeletesUpdateInfo() {
        String site = "since-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        CommentData first = comment(newId(), 1, "first", 1);
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, url, first));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site).queryParam("url", url)
                .when().get("/api/v1/info").then().body("count", equalTo(1)));
        long before = first.created().toEpochMilli() - 1;
        try (SseClient info = SseClient.open(infoUri(site, url, before));
             SseClient last = SseClient.open(lastUri(site, before))) {
            await().atMost(PATIENCE).until(() -> info.events("info").size() == 1 && last.events("last").size() == 1);
            CommentData deleted = new CommentData(first.id(), null, CommentState.DELETED, first.author(), "", "",
                    "A post", first.created(), null, 2);
            sender.send(CommentEventTypes.DELETED, new CommentDeleted(site, url, deleted));
            await().atMost(PATIENCE).until(() -> info.events("info").size() == 2);
            assertTrue(info.events("info").get(1).data().contains("\"count\":0"), info.events().toString());
            assertEquals(1, last.events("last").size(), "a delete announces no comment");
        }
    }

    @Test
    void heartbeatsKeepQuietStreamsAlive() {
        try (SseClient quiet = SseClient.open(lastUri("quiet-" + UUID.randomUUID(), null))) {
            awaitOpen(quiet);
            await().atMost(PATIENCE).until(() -> quiet.comments() >= 2);
            assertTrue(quiet.events().isEmpty());
        }
    }

    @Test
    void badParametersAnswerInRemark42Shape() {
        given().when().get("/api/v1/stream/info?site=remark").then().statusCode(400).body("code", equalTo(5));
        given().when().get("/api/v1/stream/info?site=a|b&url=x").then().statusCode(400).body("code", equalTo(6));
        given().when().get("/api/v1/stream/last?since=yesterday").then().statusCode(400).body("code", equalTo(2));
    }

    private void awaitOpen(SseClient... clients) {
        // The opening "retry" line arrives with the headers: from then on the stream is registered.
        for (SseClient client : clients) {
            await().atMost(PATIENCE).until(client::opened);
        }
    }

    private URI infoUri(String site, String url, Long since) {
        return URI.create(base + "api/v1/stream/info?site=" + encode(site) + "&url=" + encode(url)
                + (since == null ? "" : "&since=" + since));
    }

    private URI lastUri(String site, Long since) {
        return URI.create(base + "api/v1/stream/last?site=" + encode(site) + (since == null ? "" : "&since=" + since));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private long newId() {
        return ++nextId;
    }

    private CommentData comment(long id, long version, String text, int secondsLater) {
        return new CommentData(id, null, CommentState.PUBLISHED,
                new CommentAuthor("Ada", null, "ada@example.com", null, "f00d", "192.168.1.0", false), text,
                "<p>" + text + "</p>", "A post", now.plusSeconds(secondsLater), null, version);
    }
}
