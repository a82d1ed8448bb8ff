package io.parley.events.comments;

/** Text, author or website of a comment changed. */
public record CommentEdited(String site, String postUrl, CommentData comment) implements CommentEvent {
}
