package io.parley.auth.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.auth.repository.OutboxEntity;
import io.parley.auth.repository.OutboxRepository;
import io.parley.events.Topics;
import io.parley.events.users.UserBlocked;
import io.parley.events.users.UserDeleted;
import io.parley.events.users.UserEvent;
import io.parley.events.users.UserEventTypes;
import io.parley.events.users.UserUnblocked;
import io.parley.events.users.UserVerified;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/** Puts a user event into the outbox, in the transaction of the change it describes (key: the user id). */
@ApplicationScoped
public class UserEventOutbox {

    @Inject
    OutboxRepository rows;

    @Inject
    ObjectMapper json;

    public Uni<Void> blocked(UserBlocked event) {
        return add(UserEventTypes.BLOCKED, event);
    }

    public Uni<Void> unblocked(UserUnblocked event) {
        return add(UserEventTypes.UNBLOCKED, event);
    }

    public Uni<Void> verified(UserVerified event) {
        return add(UserEventTypes.VERIFIED, event);
    }

    public Uni<Void> deleted(UserDeleted event) {
        return add(UserEventTypes.DELETED, event);
    }

    private Uni<Void> add(String type, UserEvent event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("user event not serialisable: " + type, e));
        }
        OutboxEntity row = new OutboxEntity();
        row.id = UUID.randomUUID();
        row.topic = Topics.USER_EVENTS;
        row.recordKey = event.userId();
        row.eventType = type;
        row.payload = payload;
        row.createdAt = Instant.now();
        return rows.persist(row).replaceWithVoid();
    }
}
