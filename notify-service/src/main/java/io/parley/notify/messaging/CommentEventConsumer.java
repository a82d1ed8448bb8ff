package io.parley.notify.messaging;

import java.io.IOException;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import io.parley.notify.service.NotificationService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Turns {@code comment-events} into queued mails (group {@code notify-service}). At-least-once: a record is acked
 * once its mails are in the delivery log and the replica is updated; {@link NotificationService} makes repeats
 * harmless. Records that can never be applied are nacked to {@code comment-events-dlq-notify}; store failures are
 * retried until MongoDB answers.
 */
@ApplicationScoped
public class CommentEventConsumer {

    private static final Logger LOG = Logger.getLogger(CommentEventConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    NotificationService notifications;

    @Inject
    MeterRegistry registry;

    private Counter applied;
    private Counter repeated;
    private Counter ignored;
    private Counter rejected;

    @PostConstruct
    void meters() {
        applied = counter("applied");
        repeated = counter("duplicate");
        ignored = counter("skipped");
        rejected = counter("dead-letter");
    }

    private Counter counter(String outcome) {
        return Counter.builder("parley.notify.comment.events").description("comment-events records by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Incoming("comment-events")
    public Uni<Void> consume(Message<byte[]> message) {
        IncomingKafkaCloudEventMetadata<?, ?> cloudEvent = message.getMetadata(IncomingKafkaCloudEventMetadata.class)
                .orElse(null);
        if (cloudEvent == null) {
            return deadLetter(message, "not a CloudEvent", null);
        }
        String id = cloudEvent.getId();
        Class<? extends CommentEvent> type = CommentEventTypes.bodyType(cloudEvent.getType());
        if (type == null) {
            // post.updated and types of newer producers: nothing to mail.
            ignored.increment();
            return Uni.createFrom().completionStage(message::ack);
        }
        CommentEvent event;
        try {
            event = parse(message.getPayload(), type);
        } catch (IOException | RuntimeException e) {
            return deadLetter(message, "unreadable " + cloudEvent.getType() + " body of event " + id, e);
        }
        return Uni.createFrom().deferred(() -> notifications.apply(id, event))
                .onFailure().invoke(f -> LOG.warnf("Event %s not applied yet, retrying: %s", id, f.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(fresh -> (fresh ? applied : repeated).increment())
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }

    private CommentEvent parse(byte[] body, Class<? extends CommentEvent> type) throws IOException {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("no body");
        }
        CommentEvent event = mapper.readValue(body, type);
        if (event.site() == null || event.site().isBlank() || event.postUrl() == null || event.comment() == null
                || event.comment().state() == null || event.comment().version() < 1) {
            throw new IllegalArgumentException("site, postUrl, comment, state or version missing");
        }
        return event;
    }

    /** The body stays out of the log: it holds addresses and keys. */
    private Uni<Void> deadLetter(Message<byte[]> message, String reason, Exception cause) {
        rejected.increment();
        String where = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
        LOG.warnf("Record %s to the dead-letter topic: %s%s", where, reason,
                cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        return Uni.createFrom().completionStage(() -> message.nack(new IllegalArgumentException(reason)));
    }
}
