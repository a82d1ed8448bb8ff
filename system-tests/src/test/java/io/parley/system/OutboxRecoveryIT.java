package io.parley.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.stack.LocalStack;
import io.parley.stack.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The outbox rule under failure: a comment committed while Kafka is unreachable, by a comments-service that is
 * then killed before it could publish, still reaches the read model after recovery, and exactly once.
 */
@ParleySystemTest
class OutboxRecoveryIT {

    @Test
    void eventCommittedBeforeACrashIsDeliveredExactlyOnceAfterRecovery(LocalStack stack) throws Exception {
        Isso isso = new Isso(stack.gatewayUrl());
        String uri = Isso.freshUri("outbox-recovery");
        ServiceProcess comments = stack.service("comments-service");

        stack.kafka().stop();
        try {
            // The write commits to PostgreSQL (comment + outbox row) although the broker is down.
            isso.postComment(uri, "Written while the broker is down.").then().statusCode(201);
            // The service dies between the commit and the publish: nothing in memory survives.
            comments.kill();
            isso.postComment(uri, "Nobody takes this one.").then().statusCode(502);
        } finally {
            stack.kafka().start();
        }
        comments.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> isso.count(uri) == 1);
        // Redeliveries or a second relay pass must not count it again.
        Thread.sleep(2_000);
        assertEquals(1, isso.count(uri));
    }
}
