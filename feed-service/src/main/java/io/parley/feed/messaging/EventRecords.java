package io.parley.feed.messaging;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** What every consumer of this service does with a record: store with retries, ack, or dead-letter. */
final class EventRecords {

    private static final Logger LOG = Logger.getLogger(EventRecords.class);

    /** Outcome counters of one channel. */
    record Outcomes(Counter applied, Counter duplicates, Counter skipped, Counter deadLetters) {
        static Outcomes register(MeterRegistry registry, String meter, String description) {
            return new Outcomes(counter(registry, meter, description, "applied"),
                    counter(registry, meter, description, "duplicate"),
                    counter(registry, meter, description, "skipped"),
                    counter(registry, meter, description, "dead-letter"));
        }

        private static Counter counter(MeterRegistry registry, String meter, String description, String outcome) {
            return Counter.builder(meter).description(description).tag("outcome", outcome).register(registry);
        }
    }

    /** What a consumer does with a CloudEvent record, given its id and type. */
    interface Handler {
        Uni<Void> handle(String id, String type);
    }

    private EventRecords() {
    }

    /** Dead-letters a record that is no CloudEvent, else hands its id and type to the handler. */
    static Uni<Void> onCloudEvent(Message<?> message, Outcomes outcomes, Handler handler) {
        Optional<IncomingKafkaCloudEventMetadata> cloudEvent = message.getMetadata(IncomingKafkaCloudEventMetadata.class);
        if (cloudEvent.isEmpty()) {
            return reject(message, position(message), "record is not a CloudEvent", null, outcomes);
        }
        return handler.handle(cloudEvent.get().getId(), cloudEvent.get().getType());
    }

    /** Dead-letters a record whose body cannot be applied. */
    static Uni<Void> unreadable(Message<?> message, String id, String type, Exception cause, Outcomes outcomes) {
        return reject(message, position(message) + " (event " + id + ")", "unreadable " + type + " body", cause, outcomes);
    }

    /**
     * Stores an event, retrying store failures with back-off until the store answers (so nothing is dropped while
     * MongoDB is away), counts the outcome and acknowledges the record.
     */
    static Uni<Void> store(Message<?> message, String id, String type, Outcomes outcomes, Uni<Boolean> write) {
        return write
                .onFailure().invoke(failure -> LOG.warnf("Storing event %s failed, will retry: %s", id,
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> {
                    (changed ? outcomes.applied() : outcomes.duplicates()).increment();
                    LOG.debugf("Event %s (%s) %s", id, type, changed ? "applied" : "already applied");
                })
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }

    /** A record this version has nothing to do with (a newer producer's type): acknowledged and counted. */
    static Uni<Void> skip(Message<?> message, String id, String type, Outcomes outcomes) {
        LOG.debugf("Skipping event %s of unknown type %s", id, type);
        outcomes.skipped().increment();
        return Uni.createFrom().completionStage(message::ack);
    }

    /** Nack sends the record to the dead-letter topic; the body is not logged (it may hold private data). */
    static Uni<Void> reject(Message<?> message, String record, String reason, Exception cause, Outcomes outcomes) {
        outcomes.deadLetters().increment();
        LOG.warnf("Record %s sent to the dead-letter topic: %s%s", record, reason,
                cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        return Uni.createFrom().completionStage(() -> message.nack(new IllegalArgumentException(reason)));
    }

    /** topic-partition@offset, to name a record that has no event id. */
    static String position(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(record -> record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset())
                .orElse("(unknown record)");
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Site ids never contain '|' (it separates site and URL in post keys). */
    static boolean badSite(String site) {
        return blank(site) || site.contains("|");
    }
}
