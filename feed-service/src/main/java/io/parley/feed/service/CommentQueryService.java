package io.parley.feed.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentState;
import io.parley.feed.repository.CommentRepository;
import io.parley.feed.repository.VoteRepository;
import io.smallrye.mutiny.Uni;

/** Read side of the per-comment read model (with vote totals): newest comments of a site and the entries of a thread feed. */
@ApplicationScoped
public class CommentQueryService {

    /** What everybody may see in lists of latest comments: published only (no pending, no deleted). */
    private static final Set<CommentState> PUBLISHED = EnumSet.of(CommentState.PUBLISHED);
    /** What a thread shows: published comments and placeholders of deleted ones that have replies. */
    private static final Set<CommentState> VISIBLE_IN_THREAD = EnumSet.of(CommentState.PUBLISHED,
            CommentState.DELETED_PLACEHOLDER);

    @Inject
    CommentRepository repository;

    @Inject
    VoteRepository votes;

    /** The newest published comments of a site, oldest of them first. */
    public Uni<List<RatedComment>> latest(String site, int limit) {
        return newestFirst(site, null, limit).map(newestFirst -> {
            List<RatedComment> ascending = new ArrayList<>(newestFirst);
            Collections.reverse(ascending);
            return ascending;
        });
    }

    /** The newest published comments of a site, newest first, only those created after {@code after} if given. */
    public Uni<List<RatedComment>> newestFirst(String site, Instant after, int limit) {
        return repository.newest(site, PUBLISHED, after, limit).chain(found -> rated(site, found));
    }

    /** The comments with their vote totals, in the same order. */
    public Uni<List<RatedComment>> rated(String site, List<StoredComment> found) {
        return votes.totals(site, found.stream().map(StoredComment::id).toList())
                .map(totals -> found.stream()
                        .map(c -> new RatedComment(c, totals.getOrDefault(c.id(), RatedComment.NO_VOTES)))
                        .toList());
    }

    /**
     * The entries of a thread's feed in Isso's order: top-level comments highest id first, then replies oldest
     * first, at most {@code limit} in all.
     */
    public Uni<List<StoredComment>> thread(String site, String postUrl, int limit) {
        return repository.topLevel(site, postUrl, VISIBLE_IN_THREAD, limit)
                .chain(top -> repository.replies(site, postUrl, VISIBLE_IN_THREAD, limit - top.size())
                        .map(replies -> {
                            List<StoredComment> all = new ArrayList<>(top);
                            all.addAll(replies);
                            return all;
                        }));
    }
}
