package io.parley.comments.messaging;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.comments.TestSupport;
import io.parley.events.Topics;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteEventTypes;
import io.parley.events.votes.VoteTotals;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** vote.cast on the real broker → the comments' likes and dislikes → Isso's listing and its upvotes order. */
@QuarkusTest
class VoteEventConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    private static long post(String uri, String text) {
        return given().contentType("application/json").header("X-Client-IP", "192.0.2.1").queryParam("uri", uri)
                .body("{\"text\": \"" + text + "\", \"author\": \"Ann\"}").post("/new")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private void send(KafkaProducer<String, String> producer, String uri, long id, long likes, long dislikes,
                      long version) throws Exception {
        VoteCast event = new VoteCast("remark", uri, id, new VoteTotals(likes, dislikes, likes - dislikes, 0.0),
                version, Instant.now());
        raw(producer, Long.toString(id), json.writeValueAsString(event), "ce_specversion", "1.0", "ce_id",
                id + "-" + version, "ce_type", VoteEventTypes.CAST, "ce_source", VoteEventTypes.SOURCE,
                "content-type", "application/json");
    }

    private static void raw(KafkaProducer<String, String> producer, String key, String body, String... headers)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.VOTE_EVENTS, key, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(UTF_8));
        }
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    @Test
    void totalsOfTheHighestVersionAreListedAndSorted() throws Exception {
        String uri = TestSupport.uniqueUri();
        long first = post(uri, "first");
        long second = post(uri, "second");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            // Out of order and redelivered: version 3 must win.
            send(producer, uri, first, 2, 1, 3);
            send(producer, uri, first, 1, 0, 1);
            send(producer, uri, first, 2, 0, 2);
            send(producer, uri, first, 2, 1, 3);
            // Records that can never be applied go to the dead-letter topic and do not stop the partition.
            raw(producer, Long.toString(second), "not json", "ce_specversion", "1.0", "ce_id", UUID.randomUUID()
                    .toString(), "ce_type", VoteEventTypes.CAST, "ce_source", VoteEventTypes.SOURCE);
            raw(producer, Long.toString(second), "{}");
            send(producer, uri, second, 5, 0, 5);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath listing = given().queryParam("uri", uri).queryParam("sort", "upvotes").get("/").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(List.of(second, first), listing.getList("replies.id", Long.class));
            assertEquals(5, listing.getInt("replies[0].likes"));
            assertEquals(2, listing.getInt("replies[1].likes"));
            assertEquals(1, listing.getInt("replies[1].dislikes"));
        });
        Map<String, Object> row = TestSupport.row("select votes_version, likes from comments where id = ?", first);
        assertEquals(3L, ((Number) row.get("votes_version")).longValue());
    }
}
