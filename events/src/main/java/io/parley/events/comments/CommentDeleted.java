package io.parley.events.comments;

/** A comment was deleted; {@code comment().state()} tells whether a placeholder stays. */
public record CommentDeleted(String site, String postUrl, CommentData comment) implements CommentEvent {
}
