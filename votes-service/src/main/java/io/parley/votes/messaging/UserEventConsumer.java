package io.parley.votes.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.users.UserBlocked;
import io.parley.events.users.UserEvent;
import io.parley.events.users.UserEventTypes;
import io.parley.events.users.UserUnblocked;
import io.parley.votes.repository.ReplicaRepository;
import io.smallrye.mutiny.Uni;

/**
 * Keeps users' block state from {@code user-events} (Remark42 refuses votes of blocked users with code 7 even while
 * their session token is still valid). Verification and deletion do not matter to votes and are skipped.
 */
@ApplicationScoped
public class UserEventConsumer implements EventRecords.Applier {

    @Inject
    ObjectMapper mapper;

    @Inject
    ReplicaRepository replicas;

    @Incoming("user-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return EventRecords.consume(message, mapper, UserEventConsumer::bodyType, this);
    }

    private static Class<?> bodyType(String type) {
        return UserEventTypes.BLOCKED.equals(type) || UserEventTypes.UNBLOCKED.equals(type)
                ? UserEventTypes.bodyType(type) : null;
    }

    @Override
    public String problem(String type, Object body) {
        UserEvent event = (UserEvent) body;
        return event.site() == null || event.site().isBlank() || event.userId() == null || event.userId().isBlank()
                || event.version() < 1 ? "missing site, userId or version" : null;
    }

    @Override
    public Uni<Boolean> apply(String type, Object body) {
        UserEvent event = (UserEvent) body;
        if (event instanceof UserBlocked blocked) {
            return replicas.upsertUser(blocked.site(), blocked.userId(), true, blocked.until(), blocked.version());
        }
        UserUnblocked unblocked = (UserUnblocked) event;
        return replicas.upsertUser(unblocked.site(), unblocked.userId(), false, null, unblocked.version());
    }
}
