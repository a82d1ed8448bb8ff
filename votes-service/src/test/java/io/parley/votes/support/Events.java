package io.parley.votes.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.parley.events.Topics;
import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.events.comments.PostUpdated;
import io.parley.events.users.UserBlocked;
import io.parley.events.users.UserEventTypes;

/** Plays comments-service and auth-service: binary-mode CloudEvents on the real broker, as the contracts say. */
public final class Events implements AutoCloseable {

    /** Comment ids unique across the test JVM (the replica is shared by all test classes). */
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public Events(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    public static long newCommentId() {
        return IDS.incrementAndGet();
    }

    /** A comment by an anonymous Isso author from {@code network}, or by a signed-in {@code userId}. */
    public static CommentData comment(long id, CommentState state, String userId, String network, long version) {
        return new CommentData(id, null, state, new CommentAuthor("Ada", userId, "ada@example.com", null, "h",
                network, false), "Hi", "<p>Hi</p>", "A post", Instant.parse("2026-11-23T12:00:00Z"), null, version);
    }

    public void posted(String site, String url, CommentData comment) {
        send(Topics.COMMENT_EVENTS, Topics.postKey(site, url), CommentEventTypes.POSTED,
                new CommentPosted(site, url, comment));
    }

    public void commentEvent(String type, String site, String url, Object body) {
        send(Topics.COMMENT_EVENTS, Topics.postKey(site, url), type, body);
    }

    public void postUpdated(String site, String url, boolean readOnly, long version) {
        send(Topics.COMMENT_EVENTS, Topics.postKey(site, url), CommentEventTypes.POST_UPDATED,
                new PostUpdated(site, url, "A post", readOnly, version));
    }

    public void blocked(String site, String userId, long version) {
        send(Topics.USER_EVENTS, userId, UserEventTypes.BLOCKED, new UserBlocked(site, userId, null, version));
    }

    public void send(String topic, String key, String type, Object body) {
        try {
            raw(topic, key, mapper.writeValueAsBytes(body), "ce_specversion", "1.0", "ce_id",
                    UUID.randomUUID().toString(), "ce_type", type, "ce_source", "/test", "content-type",
                    "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any record (for malformed cases); headers are name/value pairs. */
    public void raw(String topic, String key, byte[] body, String... headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(UTF_8));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
