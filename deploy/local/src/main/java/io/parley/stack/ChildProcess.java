package io.parley.stack;

import java.time.Duration;

/**
 * A part of the stack that runs as a child process (the Kafka broker JVM, Keycloak, a service instance): the
 * lifecycle they share. Stopping sends SIGTERM to the whole process tree and SIGKILL after a grace period.
 */
public abstract class ChildProcess implements Component {

    private final Duration stopGrace;
    /** The running process, or null; subclasses set it when they launch. */
    protected volatile Process process;

    protected ChildProcess(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    /** Launches the process (unless it runs already) and waits until it serves. */
    @Override
    public void start() {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting, so other parts can start meanwhile; does nothing if it runs. */
    abstract void launch();

    /** Waits until the process serves; fails with the log file's name if it exits or takes too long. */
    abstract void awaitReady();

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id, or -1 when it is not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** SIGTERM to the process tree, then SIGKILL after the grace period. */
    @Override
    public synchronized void stop() {
        if (process != null) {
            Processes.stopTree(process.toHandle(), stopGrace);
            process = null;
        }
    }

    /** SIGKILL to the process tree, as a crash would end it (no shutdown hooks run). */
    public synchronized void kill() {
        if (process != null) {
            Processes.killTree(process.toHandle());
            process = null;
        }
    }
}
