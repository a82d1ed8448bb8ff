package io.parley.comments.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.repository.VoteTotalsRepository;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteEventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;

/**
 * Copies vote totals from {@code vote-events} (votes-service) onto the comments, so Isso listings show likes and
 * dislikes and can sort by them. Each event carries the comment's full totals and a version; the highest version
 * wins, so at-least-once delivery, redeliveries and replays are harmless. Records that can never be applied go to
 * {@code vote-events-dlq-comments}; database failures are retried until the database answers.
 */
@ApplicationScoped
public class VoteEventConsumer {

    private static final Logger LOG = Logger.getLogger(VoteEventConsumer.class);

    @Inject
    ObjectMapper json;

    @Inject
    VoteTotalsRepository totals;

    @Incoming("vote-events")
    public Uni<Void> consume(Message<byte[]> message) {
        IncomingKafkaCloudEventMetadata<?, ?> envelope =
                message.getMetadata(IncomingKafkaCloudEventMetadata.class).orElse(null);
        if (envelope == null) {
            return deadLetter(message, "not a CloudEvent");
        }
        if (!VoteEventTypes.CAST.equals(envelope.getType())) {
            // Types added by a newer votes-service mean nothing to this version.
            return Uni.createFrom().completionStage(message.ack());
        }
        VoteCast event;
        try {
            event = json.readValue(message.getPayload() == null ? new byte[0] : message.getPayload(), VoteCast.class);
        } catch (IOException e) {
            return deadLetter(message, "unreadable vote.cast " + envelope.getId());
        }
        if (event.totals() == null || event.version() < 1) {
            return deadLetter(message, "vote.cast " + envelope.getId() + " without totals or version");
        }
        return Uni.createFrom().deferred(() -> totals.apply(event))
                .onFailure().invoke(e -> LOG.warnf("storing vote totals %s failed, retrying: %s", envelope.getId(),
                        e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        LOG.warnf("vote-events record sent to the dead-letter topic: %s", reason);
        return Uni.createFrom().completionStage(message.nack(new IllegalArgumentException(reason)));
    }
}
