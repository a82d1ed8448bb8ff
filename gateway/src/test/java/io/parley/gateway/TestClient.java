package io.parley.gateway;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** A real HTTP client that can pick its own source address and watch a body arrive chunk by chunk. */
final class TestClient implements AutoCloseable {

    record Response(int status, MultiMap headers, String body) {
    }

    /** A response whose body is still arriving. */
    record Streaming(int status, MultiMap headers, BlockingQueue<String> chunks, CompletableFuture<Void> ended) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;

    TestClient(String localAddress) {
        client = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(localAddress).setKeepAlive(false));
    }

    static Response get(String localAddress, int port, String path, Map<String, String> headers) throws Exception {
        try (TestClient client = new TestClient(localAddress)) {
            return client.request(HttpMethod.GET, port, path, headers);
        }
    }

    Response request(HttpMethod method, int port, String path, Map<String, String> headers) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
        headers.forEach(options::addHeader);
        return client.request(options)
                .compose(req -> req.send().compose(res -> res.body().map(body -> new Response(res.statusCode(),
                        res.headers(), body.toString()))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Streaming stream(int port, String path) throws Exception {
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(path);
        BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        // handlers are set in the callback that delivers the response, before any body chunk can arrive
        HttpClientResponse response = client.request(options)
                .compose(req -> req.send().onSuccess(res -> {
                    res.handler((Buffer chunk) -> chunks.add(chunk.toString()));
                    res.exceptionHandler(ended::completeExceptionally);
                    res.endHandler(v -> ended.complete(null));
                }))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Streaming(response.statusCode(), response.headers(), chunks, ended);
    }

    /** POSTs a chunked body in two parts with a pause between them, like a slow uploader. */
    Response slowUpload(int port, String path, String first, long pauseMs, String second) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path);
        return client.request(options)
                .compose(req -> {
                    req.setChunked(true);
                    req.write(first);
                    vertx.setTimer(pauseMs, id -> req.end(second));
                    return req.response().compose(res -> res.body().map(body -> new Response(res.statusCode(),
                            res.headers(), body.toString())));
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
