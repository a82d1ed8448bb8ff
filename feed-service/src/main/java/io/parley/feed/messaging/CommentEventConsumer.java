package io.parley.feed.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import io.parley.feed.service.CommentProjector;
import io.parley.feed.service.PostInfoProjector;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Feeds {@code comment-events} into the read models (post info and the per-comment model). At-least-once: a record is acknowledged (and
 * its offset committed) only after both projectors stored it; both are idempotent, so redeliveries
 * are harmless. Records that can never be applied (not a CloudEvent, unreadable or incomplete body) are
 * nacked, which sends them to the dead-letter topic and lets the partition move on. Store failures are
 * transient: they are retried until the store answers, so no event is dropped while MongoDB is away.
 */
@ApplicationScoped
public class CommentEventConsumer {

    private static final Logger LOG = Logger.getLogger(CommentEventConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    PostInfoProjector postInfo;

    @Inject
    CommentProjector comments;

    @Inject
    MeterRegistry registry;

    private Counter applied;
    private Counter duplicates;
    private Counter skipped;
    private Counter deadLetters;

    @PostConstruct
    void registerMeters() {
        applied = outcome("applied");
        duplicates = outcome("duplicate");
        skipped = outcome("skipped");
        deadLetters = outcome("dead-letter");
    }

    private Counter outcome(String outcome) {
        return Counter.builder("parley.feed.comment.events").description("comment-events records by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Incoming("comment-events")
    public Uni<Void> consume(Message<byte[]> message) {
        Optional<IncomingKafkaCloudEventMetadata> cloudEvent = message.getMetadata(IncomingKafkaCloudEventMetadata.class);
        if (cloudEvent.isEmpty()) {
            return reject(message, position(message), "record is not a CloudEvent", null);
        }
        String id = cloudEvent.get().getId();
        String type = cloudEvent.get().getType();
        Class<? extends CommentEvent> bodyType = CommentEventTypes.bodyType(type);
        if (bodyType == null) {
            // A newer producer may add types; this version has nothing to do with them.
            LOG.debugf("Skipping event %s of unknown type %s", id, type);
            skipped.increment();
            return Uni.createFrom().completionStage(message::ack);
        }
        CommentEvent event;
        try {
            event = read(message.getPayload(), bodyType);
        } catch (IOException | RuntimeException e) {
            return reject(message, position(message) + " (event " + id + ")", "unreadable " + type + " body", e);
        }
        // Post info first, then the comment; a failure of either retries both, which is harmless.
        return Uni.createFrom().deferred(() -> postInfo.apply(event)
                        .chain(postChanged -> comments.apply(event).map(commentChanged -> postChanged || commentChanged)))
                .onFailure().invoke(failure -> LOG.warnf("Storing event %s failed, will retry: %s", id,
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> {
                    (changed ? applied : duplicates).increment();
                    LOG.debugf("Event %s (%s) %s", id, type, changed ? "applied" : "already applied");
                })
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }

    private CommentEvent read(byte[] payload, Class<? extends CommentEvent> bodyType) throws IOException {
        if (payload == null) {
            throw new IllegalArgumentException("empty body");
        }
        CommentEvent event = mapper.readValue(payload, bodyType);
        CommentData comment = event.comment();
        if (blank(event.site()) || event.site().contains("|") || blank(event.postUrl()) || comment == null
                || comment.state() == null || comment.version() < 1) {
            throw new IllegalArgumentException("missing site, postUrl, comment state or version");
        }
        return event;
    }

    /** topic-partition@offset, to name a record that has no event id. */
    private static String position(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(record -> record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset())
                .orElse("(unknown record)");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Nack sends the record to the dead-letter topic; the body is not logged (it holds private data). */
    private Uni<Void> reject(Message<byte[]> message, String record, String reason, Exception cause) {
        deadLetters.increment();
        LOG.warnf("Record %s sent to the dead-letter topic: %s%s", record, reason,
                cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        return Uni.createFrom().completionStage(() -> message.nack(new IllegalArgumentException(reason)));
    }
}
