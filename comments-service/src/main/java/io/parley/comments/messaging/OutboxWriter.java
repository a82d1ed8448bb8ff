package io.parley.comments.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.repository.OutboxEntity;
import io.parley.comments.repository.OutboxRepository;
import io.parley.comments.service.RemarkFindCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/** Adds an event to the outbox inside the caller's transaction ("never save, then send"). */
@ApplicationScoped
public class OutboxWriter {

    @Inject
    OutboxRepository outbox;

    @Inject
    ObjectMapper json;

    @Inject
    RemarkFindCache findCache;

    /** Appends {@code event} (a record of the events module) as JSON; its id becomes the CloudEvent id. */
    public Uni<UUID> append(String topic, String key, String type, Object event) {
        OutboxEntity row = new OutboxEntity();
        row.id = UUID.randomUUID();
        row.topic = topic;
        row.recordKey = key;
        row.eventType = type;
        row.createdAt = Instant.now();
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event cannot be serialised: " + type, e));
        }
        // Every change of a post passes here (the key is the post's): its cached Remark42 answers are stale now.
        findCache.invalidate(key);
        return outbox.persist(row).replaceWith(row.id);
    }
}
