package io.parley.auth.service;

/** A login request refused by a rule (HTTP {@code status}); the message is safe to show to the client. */
public class LoginRejectedException extends RuntimeException {

    private final int status;

    public LoginRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
