package io.parley.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.parley.gateway.routing.PathPattern;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final InetAddress A = address("203.0.113.1");
    private static final InetAddress B = address("203.0.113.2");

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RateLimiter limiter(int maxBuckets) {
        return new RateLimiter(List.of(
                new RateLimiter.Rule("write", List.of(PathPattern.of("/api/v1/vote/**")), Set.of(), 0.5),
                new RateLimiter.Rule("read", List.of(PathPattern.of("/api/v1/find")), Set.of("get"), 10)),
                maxBuckets);
    }

    @Test
    void halfARequestPerSecondMeansOneEveryTwoSecondsPerClientAndExactPath() {
        RateLimiter limiter = limiter(100);
        assertTrue(limiter.allow("PUT", "/api/v1/vote/1", A, 0));
        assertFalse(limiter.allow("PUT", "/api/v1/vote/1", A, SECOND));
        // another path and another client have their own buckets
        assertTrue(limiter.allow("PUT", "/api/v1/vote/2", A, SECOND));
        assertTrue(limiter.allow("PUT", "/api/v1/vote/1", B, SECOND));
        assertTrue(limiter.allow("PUT", "/api/v1/vote/1", A, 2 * SECOND));
    }

    @Test
    void burstIsTheRateAndRefillsOverTime() {
        RateLimiter limiter = limiter(100);
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.allow("GET", "/api/v1/find", A, 0), "request " + i);
        }
        assertFalse(limiter.allow("GET", "/api/v1/find", A, 0));
        assertTrue(limiter.allow("GET", "/api/v1/find", A, SECOND / 10));
        // other methods and unlisted paths are not limited
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.allow("POST", "/api/v1/find", A, 0));
            assertTrue(limiter.allow("GET", "/api/v1/count", A, 0));
        }
        assertNull(limiter.ruleFor("GET", "/api/v1/count"));
    }

    @Test
    void fullBucketsAreForgottenAndTheCapNeverBlocks() {
        RateLimiter limiter = limiter(2);
        assertTrue(limiter.allow("PUT", "/api/v1/vote/1", A, 0));
        assertTrue(limiter.allow("PUT", "/api/v1/vote/2", A, 0));
        // at the cap with nothing idle: passes untracked rather than growing
        assertTrue(limiter.allow("PUT", "/api/v1/vote/3", A, 0));
        assertTrue(limiter.allow("PUT", "/api/v1/vote/3", A, 0));
        assertEquals(2, limiter.size());
        limiter.sweep(3 * SECOND);
        assertEquals(0, limiter.size());
    }
}
