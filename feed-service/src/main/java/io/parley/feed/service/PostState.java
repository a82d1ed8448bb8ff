package io.parley.feed.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.PostUpdated;

/**
 * The post-info read model of one post (site + URL) and the pure rules that fold comment events and post
 * updates into it.
 * <p>
 * Events carry the full comment state with a per-comment version, so applying an event is a versioned
 * upsert of that comment's entry: anything not newer than what is stored is ignored. Post updates carry a
 * per-post version and are applied the same way. That makes redeliveries, replays and out-of-order arrival
 * harmless. The derived fields (count, first and last comment time) are recomputed from the entries on every
 * change, so reads never look at the entries.
 *
 * @param postVersion  version of the last post update applied (title, read-only flag); 0 = none yet
 * @param infoPending  the public post info changed since it was last published on {@code post-info}
 * @param revision     the stored document revision this state was read at (0 = not stored yet); used for the
 *                     optimistic write check, never changed by {@link #apply}
 */
public record PostState(String site, String url, String title, boolean readOnly,
                        Map<Long, CommentEntry> comments, int count, Instant firstTime, Instant lastTime,
                        long postVersion, boolean infoPending, long revision) {

    public PostState {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(url, "url");
        comments = Map.copyOf(comments);
    }

    public static PostState empty(String site, String url) {
        return new PostState(site, url, null, false, Map.of(), 0, null, null, 0, false, 0);
    }

    /**
     * Folds one comment event in.
     *
     * @return the new state, or empty when the event is not newer than the stored version of its comment
     */
    public Optional<PostState> apply(CommentEvent event) {
        CommentData comment = event.comment();
        CommentEntry known = comments.get(comment.id());
        if (known != null && known.version() >= comment.version()) {
            return Optional.empty();
        }
        Map<Long, CommentEntry> next = new HashMap<>(comments);
        next.put(comment.id(), new CommentEntry(comment.version(), comment.state(), comment.created()));
        String postTitle = comment.postTitle();
        String nextTitle = postTitle == null || postTitle.isBlank() ? title : postTitle;
        return Optional.of(derive(nextTitle, readOnly, postVersion, next));
    }

    /**
     * Folds a post update (title, read-only flag) in.
     *
     * @return the new state, or empty when the update is not newer than the last one applied
     */
    public Optional<PostState> apply(PostUpdated update) {
        if (update.version() <= postVersion) {
            return Optional.empty();
        }
        String nextTitle = update.title() == null || update.title().isBlank() ? title : update.title();
        return Optional.of(derive(nextTitle, update.readOnly(), update.version(), comments));
    }

    /**
     * Grows with every applied event: the sum of the versions of every comment entry and of the post update.
     * A rebuild from the same events reaches the same number, so {@code post-info} consumers can keep the
     * highest version even across a rebuild of this read model.
     */
    public long version() {
        long sum = postVersion;
        for (CommentEntry entry : comments.values()) {
            sum += entry.version();
        }
        return sum;
    }

    /** The newest published comment (latest creation time, then highest id), or null without one. */
    public Long latestCommentId() {
        Long latest = null;
        Instant latestTime = null;
        for (Map.Entry<Long, CommentEntry> e : comments.entrySet()) {
            CommentEntry entry = e.getValue();
            if (!entry.counted() || entry.created() == null) {
                continue;
            }
            int order = latestTime == null ? 1 : entry.created().compareTo(latestTime);
            if (order > 0 || order == 0 && e.getKey() > latest) {
                latest = e.getKey();
                latestTime = entry.created();
            }
        }
        return latest;
    }

    /** This state once its info is published (the pending marker cleared). */
    public PostState published() {
        return new PostState(site, url, title, readOnly, comments, count, firstTime, lastTime, postVersion, false,
                revision);
    }

    private PostState derive(String nextTitle, boolean nextReadOnly, long nextPostVersion,
                             Map<Long, CommentEntry> entries) {
        int published = 0;
        Instant first = null;
        Instant last = null;
        for (CommentEntry entry : entries.values()) {
            if (!entry.counted()) {
                continue;
            }
            published++;
            Instant created = entry.created();
            if (created != null) {
                first = first == null || created.isBefore(first) ? created : first;
                last = last == null || created.isAfter(last) ? created : last;
            }
        }
        PostState next = new PostState(site, url, nextTitle, nextReadOnly, entries, published, first, last,
                nextPostVersion, infoPending, revision);
        return next.infoPending || !next.samePublicInfo(this) ? next.pending() : next;
    }

    private PostState pending() {
        return new PostState(site, url, title, readOnly, comments, count, firstTime, lastTime, postVersion, true,
                revision);
    }

    /**
     * Whether what {@code post-info} publishes is unchanged: title, flag, count, times and the newest comment
     * with its version (an edit of the newest comment is news too).
     */
    private boolean samePublicInfo(PostState other) {
        Long latest = latestCommentId();
        Long otherLatest = other.latestCommentId();
        return Objects.equals(title, other.title) && readOnly == other.readOnly && count == other.count
                && Objects.equals(firstTime, other.firstTime) && Objects.equals(lastTime, other.lastTime)
                && Objects.equals(latest, otherLatest)
                && (latest == null || comments.get(latest).version() == other.comments.get(latest).version());
    }
}
