package io.parley.gateway.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.parley.gateway.routing.PathPattern;

/**
 * Remark42's rate limits (tollbooth): for each configured rule, one token bucket per client address and
 * <em>exact</em> path, so {@code /api/v1/vote/A} and {@code /api/v1/vote/B} are limited separately. Rate
 * {@code rps} requests per second, burst {@code max(1, rps)}. Buckets that are full again are forgotten by
 * {@link #sweep}, which also runs when more than {@code maxBuckets} are held; if that does not free room,
 * requests pass unlimited rather than the gateway growing without bound.
 */
public final class RateLimiter {

    /** One limit: requests to these path templates (and methods; empty = all) at {@code rps} per client and path. */
    public record Rule(String name, List<PathPattern> paths, Set<String> methods, double rps) {

        public Rule {
            if (!(rps > 0)) {
                throw new IllegalArgumentException("rate limit " + name + ": rps must be positive");
            }
            paths = List.copyOf(paths);
            methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        boolean applies(String method, String path) {
            if (!methods.isEmpty() && !methods.contains(method)) {
                return false;
            }
            for (PathPattern pattern : paths) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }

        double burst() {
            return Math.max(1, rps);
        }
    }

    private record Key(String rule, InetAddress client, String path) {
    }

    private final List<Rule> rules;
    private final int maxBuckets;
    private final Map<Key, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** Rules are tried in name order; the first that applies limits the request. */
    public RateLimiter(List<Rule> rules, int maxBuckets) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::name));
        this.rules = List.copyOf(sorted);
        this.maxBuckets = maxBuckets;
    }

    public static RateLimiter disabled() {
        return new RateLimiter(List.of(), 0);
    }

    public boolean enabled() {
        return !rules.isEmpty();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule limiting {@code method path}, or null. */
    public Rule ruleFor(String method, String path) {
        for (Rule rule : rules) {
            if (rule.applies(method, path)) {
                return rule;
            }
        }
        return null;
    }

    /** Whether {@code client} may send {@code method path} now; takes a token when it may. */
    public boolean allow(String method, String path, InetAddress client, long nowNanos) {
        Rule rule = ruleFor(method, path);
        if (rule == null) {
            return true;
        }
        Key key = new Key(rule.name(), client, path);
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                sweep(nowNanos);
                if (buckets.size() >= maxBuckets) {
                    return true;
                }
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(rule.rps(), rule.burst(), nowNanos));
        }
        return bucket.tryTake(nowNanos);
    }

    /** Forgets buckets that are full again (their clients lose nothing). */
    public void sweep(long nowNanos) {
        buckets.values().removeIf(bucket -> bucket.full(nowNanos));
    }

    int size() {
        return buckets.size();
    }
}
