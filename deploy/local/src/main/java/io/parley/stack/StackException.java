package io.parley.stack;

/** A part of the stack could not be started; the message says which and where its log is. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
