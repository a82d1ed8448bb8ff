package io.parley.comments.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.TestSupport;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CommentEventsTest {

    @Inject
    ObjectMapper json;

    private static long post(String uri, String body) {
        return given().contentType(ContentType.JSON).header("X-Client-IP", "10.1.2.3").queryParam("uri", uri)
                .body(body).post("/new").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aPostedCommentLeavesAsOneCloudEventAndItsOutboxRowIsMarkedSent() throws Exception {
        String uri = TestSupport.uniqueUri();
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            long id = post(uri, "{\"text\": \"to the **topic**\", \"author\": \"Ann\", \"email\": \"ann@example.com\","
                    + " \"title\": \"Topic post\", \"notification\": 1}");

            List<ConsumerRecord<String, String>> records = TestSupport.recordsWithKey(consumer, "remark|" + uri, 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(2));
            assertEquals(1, records.size(), "exactly one event for the post");
            ConsumerRecord<String, String> record = records.get(0);
            assertEquals(CommentEventTypes.POSTED, TestSupport.header(record, "ce_type"));
            assertEquals(CommentEventTypes.SOURCE, TestSupport.header(record, "ce_source"));
            assertEquals("1.0", TestSupport.header(record, "ce_specversion"));
            String eventId = TestSupport.header(record, "ce_id");
            assertNotNull(eventId);
            UUID.fromString(eventId);

            JsonNode body = json.readTree(record.value());
            assertTrue(body.get("comment").get("created").isTextual(), "dates are ISO strings: " + body);
            CommentPosted event = json.readValue(record.value(), CommentPosted.class);
            assertEquals("remark", event.site());
            assertEquals(uri, event.postUrl());
            assertEquals(id, event.comment().id());
            assertEquals(1, event.comment().version());
            assertEquals(CommentState.PUBLISHED, event.comment().state());
            assertEquals("to the **topic**", event.comment().text());
            assertEquals("<p>to the <strong>topic</strong></p>", event.comment().html());
            assertEquals("Topic post", event.comment().postTitle());
            assertEquals("ann@example.com", event.comment().author().email());
            assertEquals("10.1.2.0", event.comment().author().clientNetwork());
            assertTrue(event.comment().author().wantsReplyNotifications());

            Map<String, Object> row = TestSupport.row("select * from outbox where id = ?", UUID.fromString(eventId));
            assertNotNull(row);
            assertEquals("comment.posted", row.get("event_type"));
            assertEquals("remark|" + uri, row.get("record_key"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNotNull(
                    TestSupport.row("select sent_at from outbox where id = ?", UUID.fromString(eventId)).get("sent_at")));
        }
    }

    @Test
    void eventsOfOnePostKeepTheirOrder() {
        String uri = TestSupport.uniqueUri();
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            long first = post(uri, "{\"text\": \"first one\"}");
            long second = post(uri, "{\"text\": \"second one\"}");
            long third = post(uri, "{\"text\": \"third one\"}");
            List<ConsumerRecord<String, String>> records = TestSupport.recordsWithKey(consumer, "remark|" + uri, 3,
                    Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertEquals(List.of(first, second, third), records.stream().map(r -> commentId(r.value())).toList());
        }
    }

    @Test
    void whileTheBrokerIsDownPostsSucceedAndTheEventIsDeliveredOnceAfterwards() throws Exception {
        String uri = TestSupport.uniqueUri();
        var kafka = LocalInfrastructure.current().kafka();
        long id;
        kafka.stop();
        try {
            id = post(uri, "{\"text\": \"written during an outage\"}");
            Map<String, Object> row = TestSupport.row(
                    "select sent_at from outbox where record_key = ?", "remark|" + uri);
            assertNotNull(row, "the event waits in the outbox");
            assertNull(row.get("sent_at"));
            Thread.sleep(1500); // a few sweeps run against the dead broker
            assertNull(TestSupport.row("select sent_at from outbox where record_key = ?", "remark|" + uri).get("sent_at"));
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertNotNull(
                TestSupport.row("select sent_at from outbox where record_key = ?", "remark|" + uri).get("sent_at")));
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            List<ConsumerRecord<String, String>> records = TestSupport.recordsWithKey(consumer, "remark|" + uri, 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(3));
            assertEquals(1, records.size(), "delivered exactly once");
            assertEquals(id, commentId(records.get(0).value()));
        }
        // And the relay keeps working for new comments.
        String next = TestSupport.uniqueUri();
        post(next, "{\"text\": \"after the outage\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertNotNull(
                TestSupport.row("select sent_at from outbox where record_key = ?", "remark|" + next).get("sent_at")));
        assertFalse(TestSupport.row("select count(*) as n from outbox where sent_at is null and record_key = ?",
                "remark|" + uri).get("n").equals(1L));
    }

    @Test
    void rowsLeftUnsentByACrashAreSweptOut() throws Exception {
        // As if a replica died between its commit and the publish: a committed row nobody triggered for.
        UUID eventId = UUID.randomUUID();
        String key = "remark|" + TestSupport.uniqueUri();
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            try (var db = TestSupport.db(); var insert = db.prepareStatement("insert into outbox "
                    + "(id, topic, record_key, event_type, payload) values (?, 'comment-events', ?, 'comment.posted', ?)")) {
                insert.setObject(1, eventId);
                insert.setString(2, key);
                insert.setString(3, "{\"orphan\":true}");
                insert.executeUpdate();
            }
            List<ConsumerRecord<String, String>> records = TestSupport.recordsWithKey(consumer, key, 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(2));
            assertEquals(1, records.size());
            assertEquals(eventId.toString(), TestSupport.header(records.get(0), "ce_id"));
            assertEquals("{\"orphan\":true}", records.get(0).value());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNotNull(
                TestSupport.row("select sent_at from outbox where id = ?", eventId).get("sent_at")));
    }

    private long commentId(String value) {
        try {
            return json.readTree(value).get("comment").get("id").longValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
