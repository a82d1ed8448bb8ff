package io.parley.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Gateway settings. Upstream lists are comma-separated base URLs; several URLs are replicas of one
 * service. A service with no URL is answered by the gateway with 503 until it is deployed.
 */
@ConfigMapping(prefix = "parley.gateway")
public interface GatewayConfig {

    /** comments-service replicas (env PARLEY_GATEWAY_COMMENTS_URLS). */
    Optional<List<String>> commentsUrls();

    /** feed-service replicas (env PARLEY_GATEWAY_FEED_URLS). */
    Optional<List<String>> feedUrls();

    /** votes-service replicas (env PARLEY_GATEWAY_VOTES_URLS). */
    Optional<List<String>> votesUrls();

    /** auth-service replicas (env PARLEY_GATEWAY_AUTH_URLS). */
    Optional<List<String>> authUrls();

    /** notify-service replicas (env PARLEY_GATEWAY_NOTIFY_URLS). */
    Optional<List<String>> notifyUrls();

    /**
     * Peers whose X-Forwarded-For is believed: IPv4/IPv6 addresses and CIDR ranges
     * (env PARLEY_GATEWAY_TRUSTED_PROXIES). Empty: X-Forwarded-For is never believed.
     */
    Optional<List<String>> trustedProxies();

    /** Browser origins allowed to call with credentials, e.g. https://blog.example.org (env PARLEY_GATEWAY_CORS_ORIGINS). */
    Optional<List<String>> corsOrigins();

    /** Time to get a connection to one upstream replica before trying the next one / answering 502. */
    @WithDefault("2S")
    Duration connectTimeout();

    /**
     * Time from forwarding a request until the upstream's response headers arrive; beyond it the
     * gateway answers 504. The body (an SSE stream, say) is not limited by it.
     */
    @WithDefault("30S")
    Duration responseTimeout();

    /** The same limit for routes that legitimately hold the response (long polls, exports, imports). */
    @WithDefault("16M")
    Duration longResponseTimeout();

    /** After a connection failure a replica is skipped for this long, unless every replica is failing. */
    @WithDefault("5S")
    Duration failedReplicaPause();

    /** Connection pool size per upstream replica; each open SSE stream holds one connection. */
    @WithDefault("1024")
    int maxConnectionsPerReplica();

    /** One access log line per request on category io.parley.gateway.access. */
    @WithDefault("true")
    boolean accessLog();

    /** Remark42's rate limits per client address and exact path (tollbooth); the rules are in application.properties. */
    RateLimits rateLimits();

    interface RateLimits {
        /** Off: nothing is limited (env PARLEY_GATEWAY_RATE_LIMITS_ENABLED). */
        @WithDefault("true")
        boolean enabled();

        /** Buckets held at most; beyond that requests pass unlimited until idle buckets are swept. */
        @WithDefault("100000")
        int maxBuckets();

        /** How often buckets that are full again are forgotten. */
        @WithDefault("60S")
        Duration sweepInterval();

        /** Rules by name ({@code parley.gateway.rate-limits.rules.<name>.*}), tried in name order. */
        Map<String, Rule> rules();

        interface Rule {
            /** Path templates as in the route table ({@code /api/v1/vote/**}); each exact path has its own bucket. */
            List<String> paths();

            /** Requests per second per client and path; the burst is max(1, rps). */
            double rps();

            /** Methods limited; absent: all. */
            Optional<List<String>> methods();
        }
    }
}
