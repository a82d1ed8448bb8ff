package io.parley.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Real upstream HTTP servers on free loopback ports, started before the gateway boots:
 * comments (1 replica), feed (2 replicas, also serving a slow SSE stream), votes (a dead port, then a
 * live replica), auth (a dead port only); notify is left unconfigured. Every server echoes what it
 * received as JSON; {@code ?delay=ms} holds the answer back.
 */
public class UpstreamServers implements QuarkusTestResourceLifecycleManager {

    /** The test completes it to let the SSE upstream send its second event and end the stream. */
    public static final AtomicReference<CompletableFuture<Void>> STREAM_GATE =
            new AtomicReference<>(new CompletableFuture<>());
    /** Completed when the upstream has actually ended the SSE response. */
    public static final AtomicReference<CompletableFuture<Void>> STREAM_ENDED =
            new AtomicReference<>(new CompletableFuture<>());

    /** Completed when the SSE upstream's connection was closed before it ended its response. */
    public static final AtomicReference<CompletableFuture<Void>> STREAM_ABANDONED =
            new AtomicReference<>(new CompletableFuture<>());

    private Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        config.put("parley.gateway.comments-urls", url(start("comments-1")));
        config.put("parley.gateway.feed-urls", url(start("feed-1")) + "," + url(start("feed-2")));
        config.put("parley.gateway.votes-urls", url(deadPort()) + "," + url(start("votes-1")));
        config.put("parley.gateway.auth-urls", url(deadPort()));
        config.put("parley.gateway.trusted-proxies", "127.0.0.1, 10.0.0.0/8, 2001:db8::/32");
        config.put("parley.gateway.cors-origins", "https://blog.example.org,http://localhost:4000");
        config.put("parley.gateway.response-timeout", "1S");
        config.put("parley.gateway.connect-timeout", "1S");
        // retry the dead votes replica every time its turn comes, so failover is exercised on every other request
        config.put("parley.gateway.failed-replica-pause", "0S");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private int start(String name) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(name, request));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        servers.add(server);
        return server.actualPort();
    }

    /** A port nothing listens on: connecting to it is refused. */
    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(String name, HttpServerRequest request) {
        if (request.path().startsWith("/api/v1/stream/")) {
            stream(name, request);
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(),
                    headers.containsKey(h.getKey().toLowerCase())
                            ? headers.getString(h.getKey().toLowerCase()) + "|" + h.getValue()
                            : h.getValue()));
            JsonObject echo = new JsonObject()
                    .put("server", name)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("body", body.toString());
            long delay = request.getParam("delay") == null ? 0 : Long.parseLong(request.getParam("delay"));
            Runnable answer = () -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Upstream", name)
                    // a service must not be able to widen CORS or forge the request id
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .putHeader("X-Request-Id", "upstream-made-this-up")
                    .end(echo.encode());
            if (delay > 0) {
                vertx.setTimer(delay, id -> {
                    if (!request.response().closed()) {
                        answer.run();
                    }
                });
            } else {
                answer.run();
            }
        });
    }

    /** One event at once, the second only when the test opens the gate, then the end of the stream. */
    private void stream(String name, HttpServerRequest request) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        CompletableFuture<Void> ended = STREAM_ENDED.get();
        CompletableFuture<Void> abandoned = STREAM_ABANDONED.get();
        request.response().closeHandler(v -> {
            if (!request.response().ended()) {
                abandoned.complete(null);
            }
        });
        request.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .write("id: 1\nevent: info\ndata: {\"server\":\"" + name + "\",\"n\":1}\n\n");
        STREAM_GATE.get().whenComplete((v, e) -> context.runOnContext(x -> request.response()
                .end("id: 2\nevent: info\ndata: {\"server\":\"" + name + "\",\"n\":2}\n\n")
                .onComplete(done -> ended.complete(null))));
    }
}
