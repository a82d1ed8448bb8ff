package io.parley.comments.service;

/** The comment asked for does not exist (any more). */
public class CommentNotFoundException extends RuntimeException {
    public CommentNotFoundException(long id) {
        super("no comment " + id, null, false, false);
    }
}
