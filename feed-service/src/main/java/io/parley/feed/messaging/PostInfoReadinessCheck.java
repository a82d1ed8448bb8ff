package io.parley.feed.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.parley.feed.service.LivePostInfo;

/** Ready only once the {@code post-info} replay is done, so no stream starts from a half-built live state. */
@Readiness
@ApplicationScoped
public class PostInfoReadinessCheck implements HealthCheck {

    @Inject
    LivePostInfo live;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("post-info live state").status(live.isCaughtUp())
                .withData("posts", live.postCount()).withData("offset", live.lastOffset()).build();
    }
}
