package io.parley.votes.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * How this service consumes a CloudEvents topic: the channel delivers raw records (the connector's own CloudEvent
 * parsing is off, so a broken envelope cannot fail the channel), the {@code ce_type}/{@code ce_id} headers are read
 * here, the JSON body is parsed into the type's record, and the record is applied with retries until the store
 * answers (at-least-once; every apply is a versioned upsert). Records that can never be applied go to the channel's
 * dead-letter topic; types this version does not know are skipped.
 */
final class EventRecords {

    private static final Logger LOG = Logger.getLogger(EventRecords.class);

    /** Checks and applies event bodies. */
    interface Applier {
        /** Why the body can never be applied (missing fields...), or null when it can. */
        String problem(String type, Object body);

        /** Applies one event body; true when the store changed. */
        Uni<Boolean> apply(String type, Object body);
    }

    private EventRecords() {
    }

    static Uni<Void> consume(Message<byte[]> message, ObjectMapper mapper, Function<String, Class<?>> bodyTypes,
                             Applier applier) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        Headers headers = record == null ? null : record.getHeaders();
        String type = header(headers, "ce_type");
        String id = header(headers, "ce_id");
        String position = record == null ? "(unknown record)"
                : record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset();
        if (type == null || id == null || header(headers, "ce_specversion") == null) {
            return reject(message, position, "record is not a binary-mode CloudEvent");
        }
        Class<?> bodyType = bodyTypes.apply(type);
        if (bodyType == null) {
            LOG.debugf("skipping event %s of type %s", id, type);
            return Uni.createFrom().completionStage(message::ack);
        }
        Object body;
        try {
            if (message.getPayload() == null) {
                throw new IllegalArgumentException("empty body");
            }
            body = mapper.readValue(message.getPayload(), bodyType);
        } catch (IOException | RuntimeException e) {
            return reject(message, position + " (event " + id + ")", "unreadable " + type + " body ("
                    + e.getClass().getSimpleName() + ")");
        }
        String problem = applier.problem(type, body);
        if (problem != null) {
            return reject(message, position + " (event " + id + ")", problem);
        }
        return Uni.createFrom().deferred(() -> applier.apply(type, body))
                .onFailure().invoke(failure -> LOG.warnf("storing event %s failed, will retry: %s", id, failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> LOG.debugf("event %s (%s) %s", id, type, changed ? "applied" : "already applied"))
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Nack sends the record to the dead-letter topic; the body is not logged (it holds private data). */
    private static Uni<Void> reject(Message<byte[]> message, String position, String reason) {
        LOG.warnf("record %s sent to the dead-letter topic: %s", position, reason);
        return Uni.createFrom().completionStage(() -> message.nack(new IllegalArgumentException(reason)));
    }
}
