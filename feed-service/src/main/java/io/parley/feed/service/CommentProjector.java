package io.parley.feed.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentEvent;
import io.parley.feed.repository.CommentRepository;
import io.smallrye.mutiny.Uni;

/**
 * Applies comment events to the per-comment read model. Events carry the full comment state and a
 * per-comment version, so applying one is a versioned upsert of its public part.
 */
@ApplicationScoped
public class CommentProjector {

    @Inject
    CommentRepository repository;

    /** @return true if the read model changed, false if this or a newer version was already stored */
    public Uni<Boolean> apply(CommentEvent event) {
        return repository.upsertIfNewer(StoredComment.of(event));
    }
}
