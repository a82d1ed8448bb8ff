package io.parley.feed.support;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A behaviour test that feeds the service through real comment-events, with one producer per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventSendingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    protected CommentEventSender sender;

    @BeforeAll
    void connectSender() {
        sender = new CommentEventSender(bootstrapServers);
    }

    @AfterAll
    void closeSender() {
        sender.close();
    }
}
