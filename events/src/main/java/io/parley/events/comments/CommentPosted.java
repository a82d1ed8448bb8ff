package io.parley.events.comments;

/** A comment was written (published or pending moderation). */
public record CommentPosted(String site, String postUrl, CommentData comment) implements CommentEvent {
}
