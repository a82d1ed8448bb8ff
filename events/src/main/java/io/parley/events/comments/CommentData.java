package io.parley.events.comments;

import java.time.Instant;

/**
 * The state of one comment after a change.
 *
 * @param id the comment id (stable across dialects)
 * @param parentId the top-level comment it replies to, or null
 * @param state published, pending, placeholder or deleted
 * @param author who wrote it
 * @param text the raw markdown as written
 * @param html the rendered and sanitised HTML
 * @param postTitle the title of the post (thread) it belongs to, or null when unknown
 * @param created when it was written
 * @param modified when it was last edited, or null
 * @param version 1 when posted, one more with every change
 * @param pinned pinned to the top of its post by an admin (Remark42 {@code pin})
 */
public record CommentData(long id, Long parentId, CommentState state, CommentAuthor author, String text,
                          String html, String postTitle, Instant created, Instant modified, long version,
                          boolean pinned) {

    /** A comment that is not pinned. */
    public CommentData(long id, Long parentId, CommentState state, CommentAuthor author, String text,
                       String html, String postTitle, Instant created, Instant modified, long version) {
        this(id, parentId, state, author, text, html, postTitle, created, modified, version, false);
    }
}
