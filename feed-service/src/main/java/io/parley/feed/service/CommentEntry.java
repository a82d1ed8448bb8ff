package io.parley.feed.service;

import java.time.Instant;

import io.parley.events.comments.CommentState;

/**
 * What the post read model remembers of one comment: just enough to order changes (version) and to derive
 * the post's count and times. Deleted comments stay as tombstones so a stale replay cannot revive them.
 */
public record CommentEntry(long version, CommentState state, Instant created) {

    public boolean counted() {
        return state == CommentState.PUBLISHED;
    }
}
