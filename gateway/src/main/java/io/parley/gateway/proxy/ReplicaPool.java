package io.parley.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.gateway.routing.UpstreamService;

/**
 * The replicas of one service. Each request starts at the next replica in turn (round-robin) and
 * fails over along the ring; replicas that recently refused connections go to the end of the order.
 */
public final class ReplicaPool {

    private final UpstreamService service;
    private final List<Replica> replicas;
    private final long pauseNanos;
    private final AtomicInteger next = new AtomicInteger();

    ReplicaPool(UpstreamService service, List<Replica> replicas, long pauseNanos) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one replica");
        }
        this.service = service;
        this.replicas = List.copyOf(replicas);
        this.pauseNanos = pauseNanos;
    }

    public UpstreamService service() {
        return service;
    }

    public int size() {
        return replicas.size();
    }

    /** Every replica once, in the order this request should try them. */
    List<Replica> attemptOrder() {
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        long now = System.nanoTime();
        List<Replica> order = new ArrayList<>(n);
        List<Replica> paused = new ArrayList<>(0);
        for (int k = 0; k < n; k++) {
            Replica replica = replicas.get((start + k) % n);
            (replica.paused(now) ? paused : order).add(replica);
        }
        order.addAll(paused);
        return order;
    }

    void connectFailed(Replica replica) {
        replica.pause(System.nanoTime(), pauseNanos);
    }

    void connected(Replica replica) {
        replica.resume();
    }
}
