package io.parley.feed.messaging;

import static io.parley.feed.support.CommentEventSender.comment;
import static io.parley.feed.support.CommentEventSender.utf8;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.parley.events.Topics;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentModerated;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** comment-events on a real broker → the Mongo read model → the count endpoints. */
@QuarkusTest
class CommentEventConsumerTest extends EventSendingTest {

    private static final String SITE = "remark";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void postedCommentIsCountedByBothDialects() {
        String url = uniqueUrl();
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(1, CommentState.PUBLISHED, 1)));

        awaitIssoCount(url, 1);
        given().contentType(ContentType.JSON).body(List.of(url, uniqueUrl()))
                .when().post("/count")
                .then().statusCode(200).body("", contains(1, 0));
        given().queryParam("site", SITE).queryParam("url", url)
                .when().get("/api/v1/count")
                .then().statusCode(200).body("count", equalTo(1)).body("url", equalTo(url))
                .body("locator.site", equalTo(SITE)).body("locator.url", equalTo(url));
        given().queryParam("site", SITE).contentType(ContentType.JSON).body(List.of(url))
                .when().post("/api/v1/counts")
                .then().statusCode(200).body("[0].url", equalTo(url)).body("[0].count", equalTo(1))
                .body("[0].count_left", equalTo(0)).body("[0].first_time", equalTo("2026-11-23T12:00:01.123Z"));
        // Another site with the same URL is another post.
        given().queryParam("site", "other").queryParam("url", url)
                .when().get("/api/v1/count")
                .then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void remarkInfoDescribesAPostAndTheWholeSite() {
        String site = "site-" + UUID.randomUUID();
        String first = uniqueUrl();
        String second = uniqueUrl();
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, first, comment(5, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, second, comment(9, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, second, comment(7, CommentState.PUBLISHED, 1)));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", site)
                .when().get("/api/v1/info")
                .then().statusCode(200).body("count", equalTo(3)).body("count_left", equalTo(0))
                .body("first_time", equalTo("2026-11-23T12:00:05.123Z"))
                .body("last_time", equalTo("2026-11-23T12:00:09.123Z"))
                .body("$", not(hasKey("url"))).body("$", not(hasKey("read_only"))));
        given().queryParam("site", site).queryParam("url", second)
                .when().get("/api/v1/info")
                .then().statusCode(200).body("url", equalTo(second)).body("count", equalTo(2))
                .body("first_time", equalTo("2026-11-23T12:00:07.123Z"));
        given().queryParam("site", site).queryParam("url", uniqueUrl())
                .when().get("/api/v1/info")
                .then().statusCode(400).body("code", equalTo(5));
    }

    @Test
    void sameEventDeliveredTwiceCountsOnce() {
        String url = uniqueUrl();
        CommentPosted first = new CommentPosted(SITE, url, comment(1, CommentState.PUBLISHED, 1));
        String id = UUID.randomUUID().toString();
        sender.send(id, CommentEventTypes.POSTED, first);
        sender.send(id, CommentEventTypes.POSTED, first);
        // A later marker on the same partition: once it is counted, both copies above were processed.
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(2, CommentState.PUBLISHED, 1)));

        awaitIssoCount(url, 2);
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(3, CommentState.PENDING, 1)));
        sender.send(id, CommentEventTypes.POSTED, first);
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(4, CommentState.PUBLISHED, 1)));
        awaitIssoCount(url, 3);
    }

    @Test
    void moderationAndDeletionChangeTheCount() {
        String url = uniqueUrl();
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(1, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(2, CommentState.PENDING, 1)));
        awaitIssoCount(url, 1);

        sender.send(CommentEventTypes.MODERATED, new CommentModerated(SITE, url, comment(2, CommentState.PUBLISHED, 2)));
        awaitIssoCount(url, 2);

        sender.send(CommentEventTypes.DELETED, new CommentDeleted(SITE, url, comment(1, CommentState.DELETED, 2)));
        // A stale copy of the original post after the delete must not revive it.
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(1, CommentState.PUBLISHED, 1)));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(3, CommentState.PENDING, 1)));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("site", SITE).queryParam("url", url)
                .when().get("/api/v1/count").then().body("count", equalTo(1)));
        given().queryParam("uri", url).when().get("/count").then().body(equalTo("1"));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndDoNotBlockLaterOnes() {
        String url = uniqueUrl();
        String key = Topics.postKey(SITE, url);
        String badBody = UUID.randomUUID().toString();
        String badEnvelope = UUID.randomUUID().toString();
        // Valid envelope, body that is not JSON.
        sender.sendRaw(key, utf8("{not json"), "ce_specversion", "1.0", "ce_id", badBody, "ce_type",
                CommentEventTypes.POSTED, "ce_source", CommentEventTypes.SOURCE, "content-type", "application/json");
        // Valid JSON of the wrong shape.
        sender.sendRaw(key, utf8("{\"site\":\"remark\"}"), "ce_specversion", "1.0", "ce_id",
                UUID.randomUUID().toString(), "ce_type", CommentEventTypes.POSTED, "ce_source",
                CommentEventTypes.SOURCE, "content-type", "application/json");
        // Lacks mandatory headers, so it is no CloudEvent.
        sender.sendRaw(key, utf8("{}"), "ce_specversion", "1.0", "ce_id", badEnvelope);
        // Has every mandatory header but an unparsable time: the connector itself would fail on it.
        sender.sendRaw(key, utf8("{\"t\":1}"), "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", CommentEventTypes.POSTED, "ce_source", CommentEventTypes.SOURCE, "ce_time", "yesterday",
                "content-type", "application/json");
        // Structured mode with a body that is no CloudEvent JSON.
        sender.sendRaw(key, utf8("[structured?]"), "content-type", "application/cloudevents+json");
        // Not a CloudEvent at all.
        sender.sendRaw(key, utf8("hello"));
        // A type this version does not know: skipped.
        sender.sendRaw(key, utf8("{}"), "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "comment.teleported", "ce_source", CommentEventTypes.SOURCE, "content-type",
                "application/json");
        sender.send(CommentEventTypes.POSTED, new CommentPosted(SITE, url, comment(1, CommentState.PUBLISHED, 1)));

        awaitIssoCount(url, 1);
        Set<String> deadKeysBodies = deadLetters(key, 6);
        assertTrue(deadKeysBodies.contains("{not json"), deadKeysBodies.toString());
        assertTrue(deadKeysBodies.contains("hello"), deadKeysBodies.toString());
        assertTrue(deadKeysBodies.contains("{\"t\":1}"), deadKeysBodies.toString());
        assertTrue(deadKeysBodies.contains("[structured?]") || deadKeysBodies.contains("<no value>"),
                deadKeysBodies.toString());
        assertEquals(6, deadKeysBodies.size(), deadKeysBodies.toString());
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("parley_feed_comment_events_total{outcome=\"dead-letter\"}"))
                .body(containsString("parley_feed_comment_events_total{outcome=\"skipped\"}"));
    }

    private void awaitIssoCount(String url, int expected) {
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("uri", url)
                .when().get("/count")
                .then().statusCode(200).body(equalTo(Integer.toString(expected))));
    }

    /** Bodies of the dead letters with the given key, waiting until at least {@code expected} arrived. */
    private Set<String> deadLetters(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "feed-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("comment-events-dlq-feed"));
            Set<String> bodies = new HashSet<>();
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        // A body the connector could not even decode arrives without a value.
                        bodies.add(record.value() == null ? "<no value>"
                                : new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                return bodies.size() >= expected;
            });
            return bodies;
        }
    }

    private static String uniqueUrl() {
        return "https://blog.example.com/" + UUID.randomUUID() + "/";
    }
}
