package io.parley.gateway.proxy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.routing.UpstreamService;

/** The replica pools built from configuration; a service without URLs has no pool. */
public final class Upstreams {

    private final Map<UpstreamService, ReplicaPool> pools;

    private Upstreams(Map<UpstreamService, ReplicaPool> pools) {
        this.pools = pools;
    }

    public static Upstreams from(GatewayConfig config) {
        long pause = config.failedReplicaPause().toNanos();
        Map<UpstreamService, ReplicaPool> pools = new EnumMap<>(UpstreamService.class);
        add(pools, UpstreamService.COMMENTS, "parley.gateway.comments-urls", config.commentsUrls(), pause);
        add(pools, UpstreamService.FEED, "parley.gateway.feed-urls", config.feedUrls(), pause);
        add(pools, UpstreamService.VOTES, "parley.gateway.votes-urls", config.votesUrls(), pause);
        add(pools, UpstreamService.AUTH, "parley.gateway.auth-urls", config.authUrls(), pause);
        add(pools, UpstreamService.NOTIFY, "parley.gateway.notify-urls", config.notifyUrls(), pause);
        return new Upstreams(pools);
    }

    private static void add(Map<UpstreamService, ReplicaPool> pools, UpstreamService service, String key,
            Optional<List<String>> urls, long pauseNanos) {
        List<Replica> replicas = new ArrayList<>();
        for (String url : urls.orElse(List.of())) {
            if (!url.isBlank()) {
                replicas.add(Replica.parse(key, url));
            }
        }
        if (!replicas.isEmpty()) {
            pools.put(service, new ReplicaPool(service, replicas, pauseNanos));
        }
    }

    public Optional<ReplicaPool> pool(UpstreamService service) {
        return Optional.ofNullable(pools.get(service));
    }

    public int replicas(UpstreamService service) {
        ReplicaPool pool = pools.get(service);
        return pool == null ? 0 : pool.size();
    }
}
