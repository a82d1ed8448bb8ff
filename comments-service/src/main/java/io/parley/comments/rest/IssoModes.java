package io.parley.comments.rest;

import io.parley.events.comments.CommentState;

/** Isso's numeric {@code mode} of a comment state. */
final class IssoModes {
    private IssoModes() {
    }

    static int of(CommentState state) {
        return switch (state) {
            case PUBLISHED -> 1;
            case PENDING -> 2;
            case DELETED_PLACEHOLDER, DELETED -> 4;
        };
    }
}
