package io.parley.events.comments;

/** A moderator changed the state of a comment (for example activated a pending one). */
public record CommentModerated(String site, String postUrl, CommentData comment) implements CommentEvent {
}
