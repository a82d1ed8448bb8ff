package io.parley.votes.support;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A behaviour test that feeds the service through real events, with one producer per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    protected Events events;

    @BeforeAll
    void connect() {
        events = new Events(bootstrapServers);
    }

    @AfterAll
    void disconnect() {
        events.close();
    }
}
