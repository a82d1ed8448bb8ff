package io.parley.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.parley.gateway.routing.UpstreamService;

class ReplicaPoolTest {

    private final Replica a = Replica.parse("k", "http://10.0.0.1:8081");
    private final Replica b = Replica.parse("k", "http://10.0.0.2:8081/base/");
    private final Replica c = Replica.parse("k", "https://[fd00::3]");

    @Test
    void roundRobinStartsOneFurtherEachTime() {
        ReplicaPool pool = new ReplicaPool(UpstreamService.FEED, List.of(a, b, c), TimeUnit.SECONDS.toNanos(5));
        assertEquals(List.of(a, b, c), pool.attemptOrder());
        assertEquals(List.of(b, c, a), pool.attemptOrder());
        assertEquals(List.of(c, a, b), pool.attemptOrder());
        assertEquals(List.of(a, b, c), pool.attemptOrder());
    }

    @Test
    void recentlyFailedReplicasGoLast() {
        ReplicaPool pool = new ReplicaPool(UpstreamService.FEED, List.of(a, b, c), TimeUnit.SECONDS.toNanos(5));
        pool.connectFailed(a);
        assertEquals(List.of(b, c, a), pool.attemptOrder());
        assertEquals(List.of(b, c, a), pool.attemptOrder());
        pool.connected(a);
        assertEquals(List.of(c, a, b), pool.attemptOrder());
    }

    @Test
    void urls() {
        assertEquals("/base/id/1?x=1", b.target("/id/1", "x=1"));
        assertEquals("/id/1", a.target("/id/1", null));
        assertEquals(443, c.port());
        assertEquals("[fd00::3]:443", c.toString());
        assertThrows(IllegalArgumentException.class, () -> Replica.parse("parley.gateway.feed-urls", "localhost:8082"));
        assertThrows(IllegalArgumentException.class, () -> Replica.parse("parley.gateway.feed-urls", "ftp://x"));
        assertThrows(IllegalArgumentException.class, () -> Replica.parse("parley.gateway.feed-urls", "http://x/?q=1"));
    }
}
