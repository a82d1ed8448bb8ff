package io.parley.comments.service;

/** The caller's proof of authorship does not match the comment as it is now. */
public class NotCommentOwnerException extends RuntimeException {
    public NotCommentOwnerException(long id) {
        super("not the owner of comment " + id, null, false, false);
    }
}
