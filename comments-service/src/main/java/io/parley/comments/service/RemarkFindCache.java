package io.parley.comments.service;

import io.parley.comments.config.RemarkConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Serialised Remark42 {@code /find} answers per post and query, as Remark42 caches them: a post's answers are
 * dropped whenever this replica writes an event of that post to the outbox, and every answer expires after
 * {@code parley.remark42.find-cache-ttl}, which bounds how late changes made elsewhere (another replica, vote
 * totals) show. 0 turns the cache off.
 */
@ApplicationScoped
public class RemarkFindCache {

    private record Entry(long generation, long expiresNanos, byte[] body) {
    }

    @Inject
    RemarkConfig config;

    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The cached answer to {@code query} of post {@code postKey}, else {@code compute}'s, which is then kept. */
    public Uni<byte[]> get(String postKey, String query, Supplier<Uni<byte[]>> compute) {
        long ttl = config.findCacheTtl().toNanos();
        if (ttl <= 0) {
            return compute.get();
        }
        String key = postKey + '\n' + query;
        long generation = generations.getOrDefault(postKey, 0L);
        long now = System.nanoTime();
        Entry cached = entries.get(key);
        if (cached != null && cached.generation() == generation && now - cached.expiresNanos() < 0) {
            return Uni.createFrom().item(cached.body());
        }
        return compute.get().invoke(body -> {
            if (entries.size() >= config.findCacheSize()) {
                entries.clear();
            }
            entries.put(key, new Entry(generation, now + ttl, body));
        });
    }

    /** Drops the cached answers of post {@code postKey} ({@code site|url}, the comment events' key). */
    public void invalidate(String postKey) {
        generations.merge(postKey, 1L, Long::sum);
    }
}
