package io.parley.notify.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.users.UserDeleted;
import io.parley.events.users.UserEventTypes;
import io.parley.notify.repository.SubscriptionRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;

/**
 * {@code user-events} (group {@code notify-service}): a deleted user's e-mail subscription goes with them. Deleting is
 * idempotent, so redeliveries are harmless; the other user events change nothing here.
 */
@ApplicationScoped
public class UserEventConsumer {

    private static final Logger LOG = Logger.getLogger(UserEventConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    SubscriptionRepository subscriptions;

    @Incoming("user-events")
    public Uni<Void> consume(Message<byte[]> message) {
        String type = message.getMetadata(IncomingKafkaCloudEventMetadata.class)
                .map(IncomingKafkaCloudEventMetadata::getType).orElse(null);
        if (!UserEventTypes.DELETED.equals(type)) {
            return Uni.createFrom().completionStage(message::ack);
        }
        UserDeleted deleted;
        try {
            deleted = mapper.readValue(message.getPayload(), UserDeleted.class);
            if (deleted.site() == null || deleted.userId() == null) {
                throw new IllegalArgumentException("site or userId missing");
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("Unreadable user.deleted record to the dead-letter topic (%s)", e.getClass().getSimpleName());
            return Uni.createFrom().completionStage(() -> message.nack(e));
        }
        return Uni.createFrom().deferred(() -> subscriptions.delete(deleted.site(), deleted.userId()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }
}
