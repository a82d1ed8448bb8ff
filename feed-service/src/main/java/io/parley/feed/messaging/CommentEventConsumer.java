package io.parley.feed.messaging;

import java.io.IOException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.PostUpdated;
import io.parley.feed.service.CommentProjector;
import io.parley.feed.service.PostInfoProjector;
import io.smallrye.mutiny.Uni;

/**
 * Feeds {@code comment-events} into the read models: comment events into the per-comment model and post
 * info, {@code post.updated} into post info (title, read-only flag). At-least-once: a record is acknowledged
 * (and its offset committed) only after it is stored; the projectors are idempotent, so redeliveries are
 * harmless. Records that can never be applied (not a CloudEvent, unreadable or incomplete body) are nacked,
 * which sends them to the dead-letter topic and lets the partition move on. Store failures are transient:
 * they are retried until the store answers, so no event is dropped while MongoDB is away.
 */
@ApplicationScoped
public class CommentEventConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    PostInfoProjector postInfo;

    @Inject
    CommentProjector comments;

    @Inject
    MeterRegistry registry;

    private EventRecords.Outcomes outcomes;

    @PostConstruct
    void registerMeters() {
        outcomes = EventRecords.Outcomes.register(registry, "parley.feed.comment.events",
                "comment-events records by outcome");
    }

    @Incoming("comment-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return EventRecords.onCloudEvent(message, outcomes, (id, type) -> consume(message, id, type));
    }

    private Uni<Void> consume(Message<byte[]> message, String id, String type) {
        if (CommentEventTypes.POST_UPDATED.equals(type)) {
            return consumePostUpdate(message, id, type);
        }
        Class<? extends CommentEvent> bodyType = CommentEventTypes.bodyType(type);
        if (bodyType == null) {
            // A newer producer may add types; this version has nothing to do with them.
            return EventRecords.skip(message, id, type, outcomes);
        }
        CommentEvent event;
        try {
            event = read(message.getPayload(), bodyType);
        } catch (IOException | RuntimeException e) {
            return EventRecords.unreadable(message, id, type, e, outcomes);
        }
        // The comment first, so that when post info is published its newest comment is readable; a failure of
        // either retries both, which is harmless.
        return EventRecords.store(message, id, type, outcomes, Uni.createFrom().deferred(() -> comments.apply(event)
                .chain(commentChanged -> postInfo.apply(event).map(postChanged -> postChanged || commentChanged))));
    }

    private Uni<Void> consumePostUpdate(Message<byte[]> message, String id, String type) {
        PostUpdated update;
        try {
            update = mapper.readValue(requireBody(message.getPayload()), PostUpdated.class);
            if (EventRecords.badSite(update.site()) || EventRecords.blank(update.postUrl()) || update.version() < 1) {
                throw new IllegalArgumentException("missing site, postUrl or version");
            }
        } catch (IOException | RuntimeException e) {
            return EventRecords.unreadable(message, id, type, e, outcomes);
        }
        return EventRecords.store(message, id, type, outcomes, Uni.createFrom().deferred(() -> postInfo.apply(update)));
    }

    private CommentEvent read(byte[] payload, Class<? extends CommentEvent> bodyType) throws IOException {
        CommentEvent event = mapper.readValue(requireBody(payload), bodyType);
        CommentData comment = event.comment();
        if (EventRecords.badSite(event.site()) || EventRecords.blank(event.postUrl()) || comment == null
                || comment.state() == null || comment.version() < 1) {
            throw new IllegalArgumentException("missing site, postUrl, comment state or version");
        }
        return event;
    }

    static byte[] requireBody(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("empty body");
        }
        return payload;
    }
}
