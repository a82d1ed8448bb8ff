package io.parley.feed.service;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.PostUpdated;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.repository.PostInfoRepository;
import io.smallrye.mutiny.Uni;

/**
 * Applies comment events and post updates to the post-info read model: read the post, fold the event in, write it back only
 * if nobody changed it meanwhile, else start over. Events of one post arrive in order on one partition, so
 * conflicts only happen around rebalances or with several replicas, and a retry resolves them.
 */
@ApplicationScoped
public class PostInfoProjector {

    @Inject
    PostInfoRepository repository;

    @Inject
    FeedConfig config;

    @Inject
    PostInfoOutbox publisher;

    /** @return true if the read model changed, false if the event was already applied (or superseded) */
    public Uni<Boolean> apply(CommentEvent event) {
        return attempt(event.site(), event.postUrl(), state -> state.apply(event), 1);
    }

    /** @return true if the read model changed, false if the update was already applied (or superseded) */
    public Uni<Boolean> apply(PostUpdated update) {
        return attempt(update.site(), update.postUrl(), state -> state.apply(update), 1);
    }

    private Uni<Boolean> attempt(String site, String url, Function<PostState, Optional<PostState>> change,
                                 int attempt) {
        return repository.find(site, url).chain(stored -> {
            PostState current = stored.orElseGet(() -> PostState.empty(site, url));
            Optional<PostState> next = change.apply(current);
            if (next.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            Uni<Boolean> write = stored.isPresent() ? repository.replace(next.get()) : repository.insert(next.get());
            return write.chain(written -> {
                if (written) {
                    if (next.get().infoPending()) {
                        publisher.wake();
                    }
                    return Uni.createFrom().item(true);
                }
                if (attempt >= config.store().maxUpdateAttempts()) {
                    return Uni.createFrom().failure(new IllegalStateException(
                            "post kept changing during " + attempt + " update attempts"));
                }
                return attempt(site, url, change, attempt + 1);
            });
        });
    }
}
