package io.parley.comments.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.service.RemarkUserService;
import io.parley.events.users.UserEvent;
import io.parley.events.users.UserEventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Applies {@code user-events} from auth-service (blocks, verification, deleted users). At-least-once: a record is
 * acknowledged only after it was applied; {@link RemarkUserService} ignores what it has seen (per-user version).
 * Records that can never be applied (not a CloudEvent, unreadable body) are nacked into the dead-letter topic;
 * database failures are retried until the database answers, so no event is dropped.
 */
@ApplicationScoped
public class UserEventConsumer {

    private static final Logger LOG = Logger.getLogger(UserEventConsumer.class);

    @Inject
    ObjectMapper json;

    @Inject
    RemarkUserService users;

    @Incoming("user-events")
    public Uni<Void> consume(Message<byte[]> message) {
        Optional<IncomingKafkaCloudEventMetadata> cloudEvent = message.getMetadata(IncomingKafkaCloudEventMetadata.class);
        if (cloudEvent.isEmpty()) {
            return reject(message, "record is not a CloudEvent", null);
        }
        String type = cloudEvent.get().getType();
        Class<? extends UserEvent> bodyType = UserEventTypes.bodyType(type);
        if (bodyType == null) {
            // A newer producer may add types; this version has nothing to do with them.
            return Uni.createFrom().completionStage(message.ack());
        }
        UserEvent event;
        try {
            if (message.getPayload() == null) {
                throw new IllegalArgumentException("empty body");
            }
            event = json.readValue(message.getPayload(), bodyType);
            if (event.site() == null || event.site().isBlank() || event.userId() == null || event.userId().isBlank()
                    || event.version() < 1) {
                throw new IllegalArgumentException("missing site, userId or version");
            }
        } catch (Exception e) {
            return reject(message, "unreadable " + type + " body (event " + cloudEvent.get().getId() + ")", e);
        }
        return Uni.createFrom().deferred(() -> users.apply(event))
                .onFailure().invoke(e -> LOG.warnf("applying %s %s failed, retrying: %s", type,
                        cloudEvent.get().getId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static Uni<Void> reject(Message<byte[]> message, String reason, Throwable cause) {
        LOG.warnf("user-events record sent to the dead-letter topic: %s", reason);
        return Uni.createFrom().completionStage(message.nack(cause != null ? cause : new IllegalArgumentException(reason)));
    }
}
