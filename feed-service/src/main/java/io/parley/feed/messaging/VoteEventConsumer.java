package io.parley.feed.messaging;

import java.io.IOException;

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
        return EventRecords.onCloudEvent(message, outcomes, (id, type) -> consume(message, id, type));
    }

    private Uni<Void> consume(Message<byte[]> message, String id, String type) {
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
            return EventRecords.unreadable(message, id, type, e, outcomes);
        }
        return EventRecords.store(message, id, type, outcomes, Uni.createFrom().deferred(() -> votes.apply(vote)));
    }
}
