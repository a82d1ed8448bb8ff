package io.parley.comments.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.comments.config.TitleDiscoveryConfig;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a real HTTP server on loopback. */
class PageTitleFetcherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HttpServer server;
    private static String origin;
    private static Vertx vertx;
    private static final AtomicInteger hits = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        origin = "http://127.0.0.1:" + port;
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/ok" -> send(exchange, 200, "<div id=isso-thread data-title=\"Fine\"></div>");
                case "/same" -> redirect(exchange, "/ok");
                case "/loop" -> redirect(exchange, "/loop");
                case "/away" -> redirect(exchange, "http://localhost:" + port + "/ok");
                case "/big" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] chunk = new byte[64 * 1024];
                        java.util.Arrays.fill(chunk, (byte) 'a');
                        for (int i = 0; i < 40; i++) {
                            out.write(chunk);
                        }
                    } catch (IOException ignored) {
                        // the client hung up, as it should
                    }
                }
                case "/slow" -> {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 200, "<h1>late</h1>");
                }
                default -> send(exchange, 404, "nope");
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(301, -1);
        exchange.close();
    }

    private static PageTitleFetcher fetcher(List<String> hosts, boolean allowPrivate, Duration timeout) {
        return new PageTitleFetcher(vertx, new TitleDiscoveryConfig() {
            public Optional<List<String>> hosts() {
                return Optional.of(hosts);
            }

            public Duration timeout() {
                return timeout;
            }

            public int maxBytes() {
                return 1024 * 1024;
            }

            public int maxRedirects() {
                return 3;
            }

            public boolean allowPrivateAddresses() {
                return allowPrivate;
            }
        });
    }

    private static PageTitleFetcher allowed() {
        return fetcher(List.of(origin + "/"), true, Duration.ofSeconds(3));
    }

    private static FetchedPage fetch(PageTitleFetcher fetcher, String path) {
        return fetcher.fetch(URI.create(origin + path)).await().atMost(WAIT);
    }

    @Test
    void readsAPageAndFollowsSameOriginRedirects() {
        assertEquals("Fine", fetch(allowed(), "/ok").issoTitle());
        FetchedPage redirected = fetch(allowed(), "/same");
        assertEquals("Fine", redirected.issoTitle());
        assertEquals(URI.create(origin + "/ok"), redirected.url());
    }

    @Test
    void refusesWhatIsNotAPlainPageOfTheSite() {
        PageTitleFetcher fetcher = allowed();
        for (String path : List.of("/missing", "/away", "/loop", "/big")) {
            assertThrows(PageFetchException.class, () -> fetch(fetcher, path), path);
        }
    }

    @Test
    void timesOut() {
        PageTitleFetcher fetcher = fetcher(List.of(origin), true, Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThrows(PageFetchException.class, () -> fetch(fetcher, "/slow"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0);
    }

    @Test
    void neverAnOpenFetcher() {
        int before = hits.get();
        // Loopback is refused unless allowed, after connecting but before any request is sent.
        assertThrows(PageFetchException.class, () -> fetch(fetcher(List.of(origin), false, Duration.ofSeconds(3)), "/ok"));
        // Origins that are not configured are not even contacted.
        assertThrows(PageFetchException.class, () -> fetch(fetcher(List.of("http://example.org"), true,
                Duration.ofSeconds(3)), "/ok"));
        assertFalse(fetcher(List.of(), true, Duration.ofSeconds(3)).enabled());
        assertEquals(before, hits.get());
    }

    @Test
    void privateAddresses() {
        for (String a : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::", "224.0.0.1", "not-an-ip")) {
            assertTrue(PageTitleFetcher.isPrivate(a), a);
        }
        for (String a : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111", "100.128.0.1")) {
            assertFalse(PageTitleFetcher.isPrivate(a), a);
        }
    }

    @Test
    void origins() {
        assertEquals("https://example.org", PageTitleFetcher.origin("HTTPS://Example.org:443/x"));
        assertEquals("http://example.org:8080", PageTitleFetcher.origin("http://example.org:8080"));
        assertEquals(null, PageTitleFetcher.origin("http://user@example.org/"));
        assertEquals(null, PageTitleFetcher.origin("ftp://example.org/"));
        assertEquals(null, IssoThreadTitles.pageUrl("http://example.org", "//evil.org/x"));
        assertEquals(null, IssoThreadTitles.pageUrl("http://example.org", "@evil.org/x"));
        assertEquals(null, IssoThreadTitles.pageUrl("http://example.org", "post-1"));
        assertEquals(URI.create("http://example.org/a/?p=1"), IssoThreadTitles.pageUrl("http://example.org", "/a/?p=1"));
    }
}
