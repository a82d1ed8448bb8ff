package io.parley.comments.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A site whose pages title discovery reads, on loopback: {@code /titled/*} has {@code data-title},
 * {@code /heading/*} an {@code h1}, {@code /renamed/X/} a {@code data-isso-id} of {@code /target/X/},
 * {@code /plain/*} no thread element; anything else is 404. {@code /hits} counts the page requests.
 */
public class TitlePageServer implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        AtomicInteger hits = new AtomicInteger();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/hits")) {
                send(exchange, 200, Integer.toString(hits.get()));
                return;
            }
            hits.incrementAndGet();
            if (path.startsWith("/titled/")) {
                send(exchange, 200, "<html><body><h1>Not this</h1><div id=\"isso-thread\" data-title=\"Titled%20page\">");
            } else if (path.startsWith("/heading/")) {
                send(exchange, 200, "<article><h1>Heading <b>title</b></h1><section id=\"isso-thread\"></section>");
            } else if (path.startsWith("/renamed/")) {
                send(exchange, 200, "<div id=\"isso-thread\" data-isso-id=\"/target/" + path.substring(9)
                        + "\" data-title=\"Renamed\"></div>");
            } else if (path.startsWith("/plain/")) {
                send(exchange, 200, "<p>no thread here</p>");
            } else {
                send(exchange, 404, "not found");
            }
        });
        server.start();
        return Map.of("parley.title-discovery.hosts", origin(server),
                "parley.title-discovery.allow-private-addresses", "true");
    }

    static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
