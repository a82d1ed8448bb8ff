package io.parley.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/** Data directories of test stacks. */
public final class TestDirectories {

    private TestDirectories() {
    }

    /**
     * A fresh data directory: {@code -Dparley-stack.test-data-dir=<dir>} if set, else under the module's {@code target/}
     * (so the logs stay for a look after a failure and {@code mvn clean} removes them), else a temporary one.
     */
    public static Path create(String prefix) {
        try {
            String configured = System.getProperty("parley-stack.test-data-dir");
            Path parent = configured != null ? Path.of(configured)
                    : Files.isDirectory(Path.of("target")) ? Path.of("target").toAbsolutePath() : null;
            if (parent == null) {
                return Files.createTempDirectory(prefix);
            }
            Files.createDirectories(parent);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            return Files.createTempDirectory(parent, prefix + stamp + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the test stack", e);
        }
    }

    /** Deletes the data but keeps {@code logs/}. Best effort: runs at JVM exit. */
    public static void deleteAllButLogs(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Path logs = dir.resolve("logs");
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.startsWith(logs) && !p.equals(dir))
                    .forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // best effort at JVM exit
                        }
                    });
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
