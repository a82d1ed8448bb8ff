package io.parley.feed.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentState;
import io.parley.events.comments.PostUpdated;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteEventTypes;

/**
 * Plays comments-service (and votes-service) in tests: a plain Kafka producer writing CloudEvents in binary mode, exactly as
 * the contract says (ce_* headers, JSON body, key {@code site|postUrl}).
 */
public final class CommentEventSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public CommentEventSender(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    public static CommentData comment(long id, CommentState state, long version) {
        return new CommentData(id, null, state,
                new CommentAuthor("Ada", null, "ada@example.com", null, "abc123", "192.168.1.0", false),
                "Hello", "<p>Hello</p>", "A post", Instant.parse("2026-11-23T12:00:00.123456Z").plusSeconds(id),
                null, version);
    }

    /** Sends an event with a fresh CloudEvent id; returns that id. */
    public String send(String type, CommentEvent event) {
        String id = UUID.randomUUID().toString();
        send(id, type, event);
        return id;
    }

    public void send(String id, String type, CommentEvent event) {
        try {
            sendRaw(Topics.postKey(event.site(), event.postUrl()), mapper.writeValueAsBytes(event),
                    "ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", CommentEventTypes.SOURCE,
                    "content-type", "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a post update on comment-events, as comments-service does. */
    public void send(PostUpdated update) {
        sendEvent(Topics.COMMENT_EVENTS, Topics.postKey(update.site(), update.postUrl()), CommentEventTypes.POST_UPDATED,
                CommentEventTypes.SOURCE, update);
    }

    /** Sends a vote on vote-events, as votes-service does (key: the comment id). */
    public void send(VoteCast vote) {
        sendEvent(Topics.VOTE_EVENTS, Long.toString(vote.commentId()), VoteEventTypes.CAST, VoteEventTypes.SOURCE, vote);
    }

    private void sendEvent(String topic, String key, String type, String source, Object body) {
        try {
            sendTo(topic, key, mapper.writeValueAsBytes(body), "ce_specversion", "1.0", "ce_id",
                    UUID.randomUUID().toString(), "ce_type", type, "ce_source", source, "content-type", "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends any record (for malformed cases); headers are name/value pairs. */
    public void sendRaw(String key, byte[] body, String... headers) {
        sendTo(Topics.COMMENT_EVENTS, key, body, headers);
    }

    private void sendTo(String topic, String key, byte[] body, String... headers) {
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

    public static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
