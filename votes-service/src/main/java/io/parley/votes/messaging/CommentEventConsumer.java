package io.parley.votes.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.PostUpdated;
import io.parley.votes.repository.ReplicaRepository;
import io.parley.votes.service.ReplicaComment;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the comment replica (id, site, post, author, state, version) and the posts' read-only flags from
 * {@code comment-events} (consumer group {@code votes-service}, dead letters to {@code comment-events-dlq-votes}).
 */
@ApplicationScoped
public class CommentEventConsumer implements EventRecords.Applier {

    @Inject
    ObjectMapper mapper;

    @Inject
    ReplicaRepository replicas;

    @Incoming("comment-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return EventRecords.consume(message, mapper, CommentEventConsumer::bodyType, this);
    }

    private static Class<?> bodyType(String type) {
        return CommentEventTypes.POST_UPDATED.equals(type) ? PostUpdated.class : CommentEventTypes.bodyType(type);
    }

    @Override
    public String problem(String type, Object body) {
        if (body instanceof PostUpdated post) {
            return blank(post.site()) || blank(post.postUrl()) || post.version() < 1
                    ? "post.updated without site, postUrl or version" : null;
        }
        CommentEvent event = (CommentEvent) body;
        CommentData comment = event.comment();
        return blank(event.site()) || blank(event.postUrl()) || comment == null || comment.state() == null
                || comment.version() < 1 ? "missing site, postUrl, comment state or version" : null;
    }

    @Override
    public Uni<Boolean> apply(String type, Object body) {
        if (body instanceof PostUpdated post) {
            return replicas.upsertPost(post.site(), post.postUrl(), post.readOnly(), post.version());
        }
        CommentEvent event = (CommentEvent) body;
        CommentData comment = event.comment();
        String userId = comment.author() == null ? null : comment.author().userId();
        String network = comment.author() == null ? null : comment.author().clientNetwork();
        return replicas.upsertComment(new ReplicaComment(comment.id(), event.site(), event.postUrl(), comment.state(),
                userId, network, comment.version()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
