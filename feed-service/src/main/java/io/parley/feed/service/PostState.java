package io.parley.feed.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;

/**
 * The post-info read model of one post (site + URL) and the pure rule that folds comment events into it.
 * <p>
 * Events carry the full comment state with a per-comment version, so applying an event is a versioned
 * upsert of that comment's entry: anything not newer than what is stored is ignored. That makes
 * redeliveries, replays and out-of-order arrival harmless. The derived fields (count, first and last
 * comment time) are recomputed from the entries on every change, so reads never look at the entries.
 *
 * @param revision the stored document revision this state was read at (0 = not stored yet); used for the
 *                 optimistic write check, never changed by {@link #apply}
 */
public record PostState(String site, String url, String title, boolean readOnly,
                        Map<Long, CommentEntry> comments, int count, Instant firstTime, Instant lastTime,
                        long revision) {

    public PostState {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(url, "url");
        comments = Map.copyOf(comments);
    }

    public static PostState empty(String site, String url) {
        return new PostState(site, url, null, false, Map.of(), 0, null, null, 0);
    }

    /**
     * Folds one event in.
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
        return Optional.of(derive(nextTitle, next));
    }

    private PostState derive(String nextTitle, Map<Long, CommentEntry> entries) {
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
        return new PostState(site, url, nextTitle, readOnly, entries, published, first, last, revision);
    }
}
