package io.parley.comments.messaging;

import io.parley.comments.TestSupport;
import io.parley.comments.rest.RemarkCommentTest;
import io.parley.events.users.UserEventTypes;
import io.parley.session.testing.TestSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** user-events from auth-service: block (timed and permanent), unblock, verified, deleted user; DLQ. */
@QuarkusTest
class UserEventConsumerTest {

    static void send(String type, String userId, String body) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("user-events", userId, body);
            if (type != null) {
                record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                        .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                        .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                        .add("ce_source", UserEventTypes.SOURCE.getBytes(StandardCharsets.UTF_8))
                        .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record);
            producer.flush();
        }
    }

    static String freshUser() {
        return "github_" + UUID.randomUUID().toString().replace("-", "");
    }

    static JsonPath find(String url) {
        return given().queryParam("site", "remark").queryParam("url", url).get("/api/v1/find").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void timedBlockStopsPostingUntilUnblockedAndShowsOnComments() {
        String user = freshUser();
        String token = TestSessions.token("remark", user, "Tim", false);
        String url = TestSupport.uniqueUri();
        String id = RemarkCommentTest.created(token, url, "before the block", null);
        send(UserEventTypes.BLOCKED, user, "{\"site\": \"remark\", \"userId\": \"" + user
                + "\", \"until\": \"2999-01-01T00:00:00Z\", \"version\": 2}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RemarkCommentTest.post(token, url, "blocked now", null).then().statusCode(403).body("code", equalTo(7)));
        // Answers of find may be reused for up to a second (parley.remark42.find-cache-ttl).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(Boolean.TRUE,
                find(url).get("comments.find { it.id == '" + id + "' }.user.block")));
        // An older event (redelivered or out of order) changes nothing.
        send(UserEventTypes.UNBLOCKED, user, "{\"site\": \"remark\", \"userId\": \"" + user + "\", \"version\": 1}");
        send(UserEventTypes.VERIFIED, user, "{\"site\": \"remark\", \"userId\": \"" + user
                + "\", \"verified\": true, \"version\": 3}");
        send(UserEventTypes.UNBLOCKED, user, "{\"site\": \"remark\", \"userId\": \"" + user + "\", \"version\": 4}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RemarkCommentTest.post(token, url, "free again", null).then().statusCode(201));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath found = find(url);
            assertEquals(Boolean.TRUE, found.get("comments.find { it.id == '" + id + "' }.user.verified"));
            assertNull(found.get("comments.find { it.id == '" + id + "' }.user.block"));
        });
    }

    @Test
    void aTimedBlockEndsByItselfWhenItsTimeIsUp() {
        String user = freshUser();
        String token = TestSessions.token("remark", user, "Tia", false);
        String url = TestSupport.uniqueUri();
        RemarkCommentTest.created(token, url, "before the block", null);
        // Long enough to see the refusal on a loaded machine, short enough to wait for its end.
        java.time.Instant until = java.time.Instant.now().plusSeconds(20);
        send(UserEventTypes.BLOCKED, user, "{\"site\": \"remark\", \"userId\": \"" + user
                + "\", \"until\": \"" + until + "\", \"version\": 2}");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                RemarkCommentTest.post(token, url, "still blocked", null).then().statusCode(403).body("code", equalTo(7)));
        // No unblock event: the block simply runs out.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RemarkCommentTest.post(token, url, "the block ran out", null).then().statusCode(201));
        assertTrue(java.time.Instant.now().isAfter(until.minusSeconds(1)), "not before the block's end");
    }

    @Test
    void permanentBlockDeletesTheUsersComments() {
        String user = freshUser();
        String token = TestSessions.token("remark", user, "Perm", false);
        String url = TestSupport.uniqueUri();
        String kept = RemarkCommentTest.created(RemarkCommentTest.BOB, url, "someone else", null);
        String gone = RemarkCommentTest.created(token, url, "spam", null);
        String parent = RemarkCommentTest.created(token, url, "spam with a reply", null);
        RemarkCommentTest.created(RemarkCommentTest.BOB, url, "a reply", parent);
        send(UserEventTypes.BLOCKED, user, "{\"site\": \"remark\", \"userId\": \"" + user
                + "\", \"until\": null, \"version\": 1}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> ids = find(url).getList("comments.id");
            assertTrue(ids.contains(kept) && !ids.contains(gone), ids.toString());
            assertEquals(Boolean.TRUE, find(url).get("comments.find { it.id == '" + parent + "' }.delete"));
        });
    }

    @Test
    void deletedUserLosesCommentsAndName() {
        String user = freshUser();
        String token = TestSessions.token("remark", user, "Del", false);
        String url = TestSupport.uniqueUri();
        String parent = RemarkCommentTest.created(token, url, "mine with a reply", null);
        RemarkCommentTest.created(RemarkCommentTest.BOB, url, "a reply", parent);
        String alone = RemarkCommentTest.created(token, url, "mine alone", null);
        send(UserEventTypes.DELETED, user, "{\"site\": \"remark\", \"userId\": \"" + user + "\", \"version\": 1}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath found = find(url);
            assertTrue(!found.getList("comments.id").contains(alone));
            assertEquals("deleted", found.getString("comments.find { it.id == '" + parent + "' }.user.id"));
        });
        given().queryParam("user", user).get("/api/v1/comments").then().body("count", equalTo(0));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopic() {
        String key = "bad_" + UUID.randomUUID();
        send(UserEventTypes.BLOCKED, key, "{not json");
        try (KafkaConsumer<String, String> dlq = TestSupport.consumerOf("user-events-dlq-comments")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerRecords<String, String> records = dlq.poll(Duration.ofMillis(500));
                for (var record : records) {
                    if (key.equals(record.key())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }
}
