package io.parley.events.comments;

/**
 * Body of every event on {@code comment-events}. Each carries the full state of the comment after the
 * change, with a per-comment {@code version} that grows by one with each change, so a consumer can apply
 * versioned upserts and ignore redeliveries and stale replays.
 */
public sealed interface CommentEvent permits CommentPosted, CommentEdited, CommentDeleted, CommentModerated {
    String site();

    String postUrl();

    CommentData comment();
}
