package io.parley.notify.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
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
import io.parley.events.users.UserEvent;
import io.parley.events.users.UserEventTypes;

/** Publishes comment events as comments-service does (binary CloudEvents, key site|postUrl). */
public final class Events implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer;

    public Events(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A comment id no other test uses. */
    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** An Isso-style comment (no user id). */
    public static CommentData isso(long id, Long parent, CommentState state, String name, String email,
                                   boolean wantsReplies, long version) {
        return new CommentData(id, parent, state,
                new CommentAuthor(name, null, email, null, "hash", "192.168.1.0", wantsReplies),
                "Text of comment " + id, "<p>Text of comment " + id + "</p>", "A & B",
                Instant.now(), null, version);
    }

    /** A comment of a signed-in (Remark42) user. */
    public static CommentData remark(long id, Long parent, String userId, String name) {
        return new CommentData(id, parent, CommentState.PUBLISHED,
                new CommentAuthor(name, userId, null, null, "hash", null, false),
                "Remark text " + id, "<p>Remark text " + id + "</p>", "Remark post", Instant.now(), null, 1);
    }

    public String send(String type, CommentEvent event) {
        String id = UUID.randomUUID().toString();
        send(id, type, event);
        return id;
    }

    public void send(String id, String type, CommentEvent event) {
        publish(Topics.COMMENT_EVENTS, Topics.postKey(event.site(), event.postUrl()), id, type, CommentEventTypes.SOURCE,
                event);
    }

    /** A user event as auth-service publishes it (key: the user id). */
    public void sendUser(String type, UserEvent event) {
        publish(Topics.USER_EVENTS, event.userId(), UUID.randomUUID().toString(), type, UserEventTypes.SOURCE, event);
    }

    private void publish(String topic, String key, String id, String type, String source, Object event) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(event));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", id);
            header(record, "ce_type", type);
            header(record, "ce_source", source);
            header(record, "content-type", "application/json");
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event not sent", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
