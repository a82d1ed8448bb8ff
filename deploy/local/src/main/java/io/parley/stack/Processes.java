package io.parley.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child process helpers. */
final class Processes {

    private Processes() {
    }

    /** The java launcher of the running JVM, so children use the same JDK. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Stops a process and everything it started: SIGTERM to all, then SIGKILL to whatever is left after the grace
     * period. Descendants are collected first because they are re-parented once their parent dies.
     */
    static void stopTree(ProcessHandle root, Duration grace) {
        if (root == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(0, root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception timeoutOrFailure) {
                // killed below
            }
        }
        killTree(all);
    }

    /** SIGKILL to a process and its descendants, waiting until they are gone. */
    static void killTree(ProcessHandle root) {
        if (root == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(0, root);
        killTree(all);
    }

    private static void killTree(List<ProcessHandle> all) {
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ignored) {
                // nothing more can be done for a process that survives SIGKILL
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting", e);
        }
    }

    /** Last lines of a log file, for error messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = java.nio.file.Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (Exception e) {
            return "";
        }
    }
}
