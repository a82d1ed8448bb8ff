package io.parley.feed.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.parley.feed.config.FeedConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** With the defaults (as in Isso) /latest and /feed do not exist; nothing is read from the store. */
class DisabledIssoFeaturesTest {

    private final FeedConfig defaults = new SmallRyeConfigBuilder().withMapping(FeedConfig.class).build()
            .unwrap(SmallRyeConfig.class).getConfigMapping(FeedConfig.class);

    @Test
    void latestIsNotFoundUnlessEnabled() {
        IssoLatestResource resource = new IssoLatestResource();
        resource.config = defaults;

        Response response = resource.latest("10").await().indefinitely();

        assertEquals(404, response.getStatus());
        assertTrue(response.getEntity().toString().contains(IssoLatestResource.DISABLED));
    }

    @Test
    void feedIsNotFoundWithoutBase() {
        IssoFeedResource resource = new IssoFeedResource();
        resource.config = defaults;

        assertEquals(404, resource.feed("/post/", null, null, null).await().indefinitely().getStatus());
        assertEquals(400, resource.feed(null, null, null, null).await().indefinitely().getStatus());
    }
}
