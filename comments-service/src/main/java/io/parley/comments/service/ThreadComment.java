package io.parley.comments.service;

import io.parley.events.comments.CommentState;

import java.time.Instant;

/** A comment row as the thread listing reads it; {@code email} only feeds the Gravatar URL and never leaves. */
public record ThreadComment(long id, Long parentId, CommentState state, String text, String html, String author,
                            String email, String website, String hash, Integer notification, Instant created,
                            Instant modified, int likes, int dislikes) {

    /** Creation time in whole microseconds since the epoch (PostgreSQL's precision). */
    long createdMicros() {
        return created.getEpochSecond() * 1_000_000L + created.getNano() / 1000;
    }

    @Override
    public String toString() {
        return "ThreadComment[id=" + id + ", parentId=" + parentId + ", state=" + state + "]";
    }
}
