package io.parley.stack;

/** One part of the local stack. Stopping a stopped part does nothing. */
public interface Component {

    /** Short name used in messages, e.g. {@code kafka}. */
    String name();

    void start();

    void stop();

    boolean isRunning();
}
