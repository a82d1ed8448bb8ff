package io.parley.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stack.LocalStack;
import io.parley.stack.testing.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a user of {@code ./run} sees: after a full stop nothing the stack started is left running, and a new start
 * on the same data directory still has every comment.
 */
class StackRestartIT {

    @Test
    void aStoppedStackLeavesNoProcessAndARestartKeepsTheComments() {
        Path dataDir = TestDirectories.create("parley-restart-");
        String uri = Isso.freshUri("restart");

        // Other test classes may run a stack in this JVM too: only what this one starts counts.
        Set<ProcessHandle> before = ProcessHandle.current().descendants().collect(Collectors.toSet());
        LocalStack first = LocalStack.builder().dataDir(dataDir).everything(false).freePorts().build();
        first.start();
        List<ProcessHandle> started;
        try {
            Isso isso = new Isso(first.gatewayUrl());
            isso.postComment(uri, "Still here after a restart?").then().statusCode(201);
            await().atMost(Duration.ofSeconds(15)).until(() -> isso.count(uri) == 1);
        } finally {
            started = ProcessHandle.current().descendants().filter(p -> !before.contains(p)).toList();
            first.stop();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));

        LocalStack second = LocalStack.builder().dataDir(dataDir).everything(false).freePorts().build();
        second.start();
        try {
            Isso isso = new Isso(second.gatewayUrl());
            assertEquals(1, isso.count(uri));
            assertEquals(List.of(1), isso.counts(List.of(uri)));
        } finally {
            second.stop();
            TestDirectories.deleteAllButLogs(dataDir);
        }
        assertTrue(started.size() >= 4, "the stack started its broker, database and services as processes");
    }
}
