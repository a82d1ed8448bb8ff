package io.parley.comments.service;

/** The spam guard refused a new comment; the message is Isso's reason text, safe to show to the caller. */
public class GuardRejectedException extends RuntimeException {
    public GuardRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
