package io.parley.feed.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentEvent;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.repository.PostInfoRepository;
import io.smallrye.mutiny.Uni;

/**
 * Applies comment events to the post-info read model: read the post, fold the event in, write it back only
 * if nobody changed it meanwhile, else start over. Events of one post arrive in order on one partition, so
 * conflicts only happen around rebalances or with several replicas, and a retry resolves them.
 */
@ApplicationScoped
public class PostInfoProjector {

    @Inject
    PostInfoRepository repository;

    @Inject
    FeedConfig config;

    /** @return true if the read model changed, false if the event was already applied (or superseded) */
    public Uni<Boolean> apply(CommentEvent event) {
        return attempt(event, 1);
    }

    private Uni<Boolean> attempt(CommentEvent event, int attempt) {
        return repository.find(event.site(), event.postUrl()).chain(stored -> {
            PostState current = stored.orElseGet(() -> PostState.empty(event.site(), event.postUrl()));
            Optional<PostState> next = current.apply(event);
            if (next.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            Uni<Boolean> write = stored.isPresent() ? repository.replace(next.get()) : repository.insert(next.get());
            return write.chain(written -> {
                if (written) {
                    return Uni.createFrom().item(true);
                }
                if (attempt >= config.store().maxUpdateAttempts()) {
                    return Uni.createFrom().failure(new IllegalStateException(
                            "post kept changing during " + attempt + " update attempts"));
                }
                return attempt(event, attempt + 1);
            });
        });
    }
}
