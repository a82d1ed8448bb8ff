package io.parley.events.comments;

/** Where a comment stands. Isso modes: PUBLISHED = 1, PENDING = 2, DELETED with replies kept = 4. */
public enum CommentState {
    PUBLISHED,
    PENDING,
    /** Deleted but kept as a placeholder because replies hang from it; not counted. */
    DELETED_PLACEHOLDER,
    /** Gone for good. */
    DELETED
}
