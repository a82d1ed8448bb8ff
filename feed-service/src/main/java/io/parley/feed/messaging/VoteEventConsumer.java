package io.parley.feed.messaging;

import java.io.IOException;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteEventTypes;
import io.parley.feed.service.VoteProjector;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;

/**
 * Feeds {@code vote-events} into the vote totals read model (scores of the Remark42 views, likes of Isso's
 * latest). Same guarantees as {@link CommentEventConsumer}: at-least-once, versioned and idempotent,
 * dead letters for records that can never be applied, store failures retried.
 */
@ApplicationScoped
public class VoteEventConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    VoteProjector votes;

    @Inject
    MeterRegistry registry;

    private EventRecords.Outcomes outcomes;

    @PostConstruct
    void registerMeters() {
        outcomes = EventRecords.Outcomes.register(registry, "parley.feed.vote.events", "vote-events records by outcome");
    }

    @Incoming("vote-events")
    public Uni<Void> consume(Message<byte[]> message) {
        Optional<IncomingKafkaCloudEventMetadata> cloudEvent = message.getMetadata(IncomingKafkaCloudEventMetadata.class);
        if (cloudEvent.isEmpty()) {
            return EventRecords.reject(message, EventRecords.position(message), "record is not a CloudEvent", null,
                    outcomes);
        }
        String id = cloudEvent.get().getId();
        String type = cloudEvent.get().getType();
        if (VoteEventTypes.bodyType(type) == null) {
            return EventRecords.skip(message, id, type, outcomes);
        }
        VoteCast vote;
        try {
            vote = mapper.readValue(CommentEventConsumer.requireBody(message.getPayload()), VoteCast.class);
            if (EventRecords.badSite(vote.site()) || EventRecords.blank(vote.postUrl()) || vote.totals() == null
                    || vote.version() < 1) {
                throw new IllegalArgumentException("missing site, postUrl, totals or version");
            }
        } catch (IOException | RuntimeException e) {
            return EventRecords.reject(message, EventRecords.position(message) + " (event " + id + ")",
                    "unreadable " + type + " body", e, outcomes);
        }
        return EventRecords.store(message, id, type, outcomes, Uni.createFrom().deferred(() -> votes.apply(vote)));
    }
}
