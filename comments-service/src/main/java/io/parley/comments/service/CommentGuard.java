package io.parley.comments.service;

import io.parley.comments.config.ParleyConfig;
import io.parley.comments.repository.CommentRepository;
import io.parley.comments.repository.PostEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * Isso's {@code [guard]} on new comments: first failing check wins. Runs inside the posting transaction, so a
 * rejected comment leaves no new thread behind (Isso creates the thread before the guard).
 */
@ApplicationScoped
public class CommentGuard {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    @Inject
    ParleyConfig config;

    @Inject
    CommentRepository comments;

    /** Fails with {@link GuardRejectedException} when {@code request} from {@code network} must be refused. */
    public Uni<Void> check(NewComment request, String network, PostEntity post, Instant now) {
        ParleyConfig.Isso.Guard guard = config.isso().guard();
        if (!guard.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return comments.lockNetwork(network)
                .chain(() -> comments.countByNetworkSince(network, now.minus(RATE_WINDOW)))
                .flatMap(recent -> {
                    if (recent >= guard.ratelimit()) {
                        // Isso adds the ids of the recent comments; we name only the caller's own network.
                        return reject(network + ": ratelimit exceeded");
                    }
                    if (request.parentId() != null && request.parentId() != 0) {
                        return guard.replyToSelf() ? ok() : replyToSelf(request.parentId(), network, now);
                    }
                    return comments.countTopLevelByNetwork(post.id, network).flatMap(direct -> direct >= guard.directReply()
                            ? reject(direct + " direct responses to " + request.uri())
                            : ok());
                })
                .flatMap(ignored -> {
                    if (guard.requireEmail() && isEmpty(request.email())) {
                        return reject("email address required but not provided");
                    }
                    if (guard.requireAuthor() && isEmpty(request.author())) {
                        return reject("author address required but not provided");
                    }
                    return ok();
                });
    }

    /** The parent as requested (before re-parenting), in any thread, as Isso looks it up. */
    private Uni<Void> replyToSelf(long parentId, String network, Instant now) {
        Instant windowStart = now.minus(config.isso().cookieMaxAge());
        return comments.findById(parentId).flatMap(parent -> parent != null && network.equals(parent.clientNetwork)
                && parent.created.isAfter(windowStart) ? reject("edit time frame is still open") : ok());
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static Uni<Void> ok() {
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> reject(String reason) {
        return Uni.createFrom().failure(new GuardRejectedException(reason));
    }
}
