package io.parley.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.parley.session.testing.TestSessions;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys over real HTTP, as services get them from auth-service. */
class SessionKeysTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile int status = 200;
    private HttpServer server;
    private byte[] jwks;

    @BeforeEach
    void serveKeys() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/parley-session-test-jwks.json")) {
            jwks = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth/jwks", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, status == 200 ? jwks.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(jwks);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    @Test
    void fetchesOnceWhileFreshAgainAfterTheRefreshTime() {
        MutableClock clock = new MutableClock();
        SessionKeys keys = new SessionKeys(vertx, url(), Duration.ofMinutes(5), clock);

        List<JsonWebKey> first = keys.current().await().atMost(Duration.ofSeconds(10));
        keys.current().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, first.size());
        assertEquals(1, fetches.get());

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        keys.current().await().atMost(Duration.ofSeconds(10));
        assertEquals(2, fetches.get());
        keys.close();
    }

    @Test
    void anUnknownKeyFetchesAgainButNotInALoop() {
        MutableClock clock = new MutableClock();
        SessionKeys keys = new SessionKeys(vertx, url(), Duration.ofMinutes(5), clock);
        keys.current().await().atMost(Duration.ofSeconds(10));
        keys.afterUnknownKey().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, fetches.get(), "fetched moments ago: no refetch");
        clock.now = clock.now.plus(Duration.ofSeconds(11));
        keys.afterUnknownKey().await().atMost(Duration.ofSeconds(10));
        assertEquals(2, fetches.get());
        keys.close();
    }

    @Test
    void keepsTheLastKeysWhileAuthServiceIsDownAndSays503WithoutAny() {
        MutableClock clock = new MutableClock();
        SessionKeys keys = new SessionKeys(vertx, url(), Duration.ofMinutes(5), clock);
        keys.current().await().atMost(Duration.ofSeconds(10));
        status = 500;
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertEquals(1, keys.current().await().atMost(Duration.ofSeconds(10)).size());
        keys.close();

        SessionKeys none = new SessionKeys(vertx, url(), Duration.ofMinutes(5), clock);
        SessionException e = assertThrows(SessionException.class,
                () -> none.current().await().atMost(Duration.ofSeconds(10)));
        assertEquals(503, e.status());
        none.close();
    }

    @Test
    void readsAFixedKeySetFromTheClassPath() {
        SessionKeys keys = new SessionKeys(vertx, TestSessions.JWKS_LOCATION, Duration.ofMinutes(5), Clock.systemUTC());
        assertEquals("parley-test-1", keys.current().await().atMost(Duration.ofSeconds(10)).get(0).getKeyId());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/jwks";
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
