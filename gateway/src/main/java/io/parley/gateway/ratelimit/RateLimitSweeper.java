package io.parley.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/** Periodically forgets the rate-limit buckets that are full again, so idle clients cost no memory. */
@ApplicationScoped
public class RateLimitSweeper {

    void start(@Observes StartupEvent started, Vertx vertx, RateLimiter limiter, GatewayConfig config) {
        if (limiter.enabled()) {
            long every = Math.max(1000, config.rateLimits().sweepInterval().toMillis());
            vertx.setPeriodic(every, id -> limiter.sweep(System.nanoTime()));
        }
    }
}
