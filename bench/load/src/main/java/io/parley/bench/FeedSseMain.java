package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * feed-service benchmarks (docs/benchmarks.md, "feed-service: counts and SSE"):
 * <ul>
 * <li>{@code fanout}: N concurrent SSE subscribers of one post's {@code info} stream on one feed-service (direct, one
 * Vert.x client with few event loops), the service's heap before and after (after a full GC), then one comment posted
 * through the gateway and the time until every subscriber has its {@code info} event;</li>
 * <li>{@code latency}: one subscriber through the gateway; comments posted one at a time through the gateway (Isso
 * {@code POST /new}); latency from sending the POST to the {@code info} event at the subscriber;</li>
 * <li>{@code counts}: Remark42 {@code POST /api/v1/counts} with 50 URLs through the gateway (closed model).</li>
 * </ul>
 */
public final class FeedSseMain {

    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*}\\s+([0-9.E+]+)");

    private FeedSseMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> o = new TreeMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int code = switch (args[0]) {
            case "fanout" -> fanout(o);
            case "latency" -> latency(o);
            case "counts" -> counts(o);
            default -> usage();
        };
        System.exit(code);
    }

    // ------------------------------------------------------------------ fanout

    static int fanout(Map<String, String> o) throws Exception {
        URI feed = URI.create(o.get("feed"));
        URI gateway = URI.create(o.get("gateway"));
        int subscribers = Integer.parseInt(o.getOrDefault("subscribers", "15000"));
        String uri = "/bench/sse/" + System.currentTimeMillis() + "/";
        long feedPid = Long.parseLong(o.get("feed-pid"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Integer.parseInt(o.getOrDefault("event-loops", "2")))
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(feed.getHost())
                        .setDefaultPort(feed.getPort()).setKeepAlive(true).setConnectTimeout(30_000).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(subscribers + 10).setMaxWaitQueueSize(-1));
        // A first comment, so the post exists; subscribers then wait for the second.
        postComment(gateway, uri, 0);
        awaitCount(gateway, uri, 1);

        long heapBefore = heapAfterGc(feed, feedPid);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        AtomicLong lastArrival = new AtomicLong();
        AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch allOpen = new CountDownLatch(subscribers);
        CountDownLatch allReceived = new CountDownLatch(subscribers);
        String path = "/api/v1/stream/info?site=remark&url=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
        long connectStart = System.nanoTime();
        // Paced: at most 200 connects under way, so the accept backlog never overflows.
        AtomicInteger started = new AtomicInteger();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (started.incrementAndGet() > subscribers) {
                return;
            }
            client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setIdleTimeout(0))
                    .compose(request -> request.send())
                    .onSuccess(response -> {
                        boolean[] counted = new boolean[2];
                        response.handler(chunk -> {
                            if (!counted[0]) {
                                counted[0] = true;
                                open.incrementAndGet();
                                allOpen.countDown();
                                next[0].run();
                            }
                            if (!counted[1] && chunk.toString(StandardCharsets.UTF_8).contains("event: info")) {
                                counted[1] = true;
                                received.incrementAndGet();
                                long now = System.nanoTime();
                                lastArrival.accumulateAndGet(now, Math::max);
                                firstArrival.accumulateAndGet(now, Math::min);
                                allReceived.countDown();
                            }
                        });
                    })
                    .onFailure(failure -> {
                        failed.incrementAndGet();
                        allOpen.countDown();
                        allReceived.countDown();
                        next[0].run();
                    });
        };
        for (int i = 0; i < 200; i++) {
            vertx.runOnContext(ignored -> next[0].run());
        }
        allOpen.await(5, TimeUnit.MINUTES);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        System.err.printf(Locale.ROOT, "fanout: %d streams open (%d failed) in %.1f s%n", open.get(), failed.get(),
                connectSeconds);
        Thread.sleep(2_000);
        long heapAfter = heapAfterGc(feed, feedPid);
        double perSubscriber = open.get() == 0 ? 0 : (heapAfter - heapBefore) / (double) open.get();

        long posted = System.nanoTime();
        postComment(gateway, uri, 1);
        boolean all = allReceived.await(60, TimeUnit.SECONDS);
        double lastMs = (lastArrival.get() - posted) / 1e6;
        double firstMs = (firstArrival.get() - posted) / 1e6;
        System.err.printf(Locale.ROOT, "fanout: %d of %d subscribers got the info event; first %.0f ms, last %.0f ms "
                + "after the POST%n", received.get(), open.get(), firstMs, lastMs);
        System.out.printf(Locale.ROOT, "fanout,subscribers=%d,failed=%d,connect_s=%.1f,heap_before_mb=%.1f,"
                        + "heap_after_mb=%.1f,heap_per_subscriber_kb=%.2f,delivered=%d,all=%s,first_delivery_ms=%.0f,last_delivery_ms=%.0f,"
                        + "fanout_spread_ms=%.0f%n",
                open.get(), failed.get(), connectSeconds, heapBefore / 1048576.0, heapAfter / 1048576.0,
                perSubscriber / 1024, received.get(), all, firstMs, lastMs, lastMs - firstMs);
        client.close();
        vertx.close();
        return 0;
    }

    /** Heap used after a full GC of the service (jcmd GC.run), from its Prometheus metrics. */
    private static long heapAfterGc(URI feed, long pid) throws Exception {
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        Thread.sleep(500);
        String metrics = get(feed.resolve("/q/metrics"));
        Matcher m = HEAP.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    // ------------------------------------------------------------------ latency

    static int latency(Map<String, String> o) throws Exception {
        URI gateway = URI.create(o.get("gateway"));
        int samples = Integer.parseInt(o.getOrDefault("samples", "300"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "50"));
        String uri = "/bench/latency/" + System.currentTimeMillis() + "/";
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(gateway.getHost())
                .setDefaultPort(gateway.getPort()).setIdleTimeout(0));
        postComment(gateway, uri, 0);
        awaitCount(gateway, uri, 1);
        AtomicLong arrivals = new AtomicLong();
        AtomicLong arrivedAt = new AtomicLong();
        CompletableFuture<Void> opened = new CompletableFuture<>();
        String path = "/api/v1/stream/info?site=remark&url=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
        client.request(HttpMethod.GET, path).compose(request -> request.send()).onSuccess(response -> response.handler(chunk -> {
            opened.complete(null);
            String text = chunk.toString(StandardCharsets.UTF_8);
            int at = 0;
            while ((at = text.indexOf("event: info", at)) >= 0) {
                arrivedAt.set(System.nanoTime());
                arrivals.incrementAndGet();
                at++;
            }
        })).onFailure(opened::completeExceptionally);
        opened.get(30, TimeUnit.SECONDS);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        int timeouts = 0;
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 1; i <= warmup + samples; i++) {
            long before = arrivals.get();
            long sent = System.nanoTime();
            postComment(http, gateway, uri, i);
            long deadline = sent + TimeUnit.SECONDS.toNanos(10);
            while (arrivals.get() == before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (arrivals.get() == before) {
                timeouts++;
            } else if (i > warmup) {
                histogram.recordValue(Math.max(1, (arrivedAt.get() - sent) / 1000));
            }
            Thread.sleep(20); // one comment at a time, about 25 a second
        }
        System.out.printf(Locale.ROOT, "latency,samples=%d,timeouts=%d,p50_ms=%.1f,p90_ms=%.1f,p99_ms=%.1f,max_ms=%.1f%n",
                histogram.getTotalCount(), timeouts, histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(90) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
        client.close();
        vertx.close();
        return 0;
    }

    // ------------------------------------------------------------------ counts

    static int counts(Map<String, String> o) throws Exception {
        URI gateway = URI.create(o.get("gateway"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        // 50 posts, 10 of them with comments.
        List<String> urls = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < 50; i++) {
            urls.add("/bench/counts/" + run + "/" + i + "/");
        }
        for (int i = 0; i < 10; i++) {
            postComment(gateway, urls.get(i), i);
        }
        awaitCount(gateway, urls.get(9), 1);
        StringBuilder body = new StringBuilder("[");
        for (String url : urls) {
            body.append(body.length() == 1 ? "" : ",").append('"').append(url).append('"');
        }
        Buffer payload = Buffer.buffer(body.append(']').toString());
        LoadPhase.Settings settings = new LoadPhase.Settings(gateway.getHost(), gateway.getPort(), connections, 0,
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "10"))),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "20"))), Duration.ofSeconds(5),
                Integer.parseInt(o.getOrDefault("event-loops", "1")), 2 * connections);
        LoadPhase.Target target = new LoadPhase.Target(HttpMethod.POST, n -> "/api/v1/counts?site=remark",
                n -> payload, "application/json", 200);
        LoadPhase.Result result = new LoadPhase(settings, target, null).run();
        Histogram h = result.latencyMicros();
        System.out.printf(Locale.ROOT, "counts50,connections=%d,req_per_s=%.0f,p50_ms=%.2f,p99_ms=%.2f,errors=%d%n",
                connections, result.throughput(), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, result.errors());
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private static void postComment(URI gateway, String uri, long n) throws IOException, InterruptedException {
        postComment(HTTP, gateway, uri, n);
    }

    private static void postComment(java.net.http.HttpClient http, URI gateway, String uri, long n)
            throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                        gateway.resolve("/new?uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(IssoLoadMain.newCommentJson(n))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /new answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void awaitCount(URI gateway, String uri, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String body = get(gateway.resolve("/api/v1/count?site=remark&url=" + URLEncoder.encode(uri, StandardCharsets.UTF_8)));
            if (body.contains("\"count\":" + count)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("count of " + uri + " never reached " + count);
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int usage() {
        System.err.println("Usage: FeedSseMain fanout --feed URL --feed-pid PID --gateway URL [--subscribers N] [--event-loops N]");
        System.err.println("       FeedSseMain latency --gateway URL [--samples N] [--warmup N]");
        System.err.println("       FeedSseMain counts --gateway URL [--connections N] [--warmup S] [--duration S]");
        System.exit(2);
        return 2;
    }
}
