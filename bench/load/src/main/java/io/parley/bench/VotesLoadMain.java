package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Isso vote load through the gateway (bench/votes-load.sh): seeds comments, then casts likes on a fixed schedule
 * (open model: latency counts from the scheduled start, so queueing shows) from a new client network per vote, so
 * every vote is a real new vote (one per network and comment) spread over the seeded comments. Meanwhile a probe
 * votes on a comment of its own small thread, one vote at a time, and polls {@code GET /?uri=} until the new likes
 * show: the vote-to-visible time (vote answered → listing shows it) through votes-service, Kafka and
 * comments-service.
 *
 * <pre>
 * VotesLoadMain --url URL [--comments 200] [--rate 1000] [--warmup 10] [--duration 20] [--connections 64]
 *               [--probe-interval-ms 50] [--target-rps 1000] [--target-visible-p99-ms 200]
 * </pre>
 * Prints one markdown table row per measured phase to stdout, details to stderr.
 */
public final class VotesLoadMain {

    private static final long TIMEOUT_MS = 5_000;

    private final HttpClient client;
    /** The probe's own connections: its latency must not include waiting behind the load's queue. */
    private final HttpClient probeClient;
    private final Vertx vertx;
    private final int connections;

    private VotesLoadMain(String url, int connections) {
        URI base = URI.create(url);
        this.connections = connections;
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        HttpClientOptions options = new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setTcpNoDelay(true);
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections)
                .setMaxWaitQueueSize(-1));
        probeClient = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(2));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!o.containsKey("url")) {
            System.err.println("Usage: VotesLoadMain --url URL [--comments N] [--rate R] [--warmup S] [--duration S]");
            System.exit(2);
        }
        int comments = Integer.parseInt(o.getOrDefault("comments", "200"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "1000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        int duration = Integer.parseInt(o.getOrDefault("duration", "20"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        long probeEvery = Long.parseLong(o.getOrDefault("probe-interval-ms", "50"));
        double targetRps = Double.parseDouble(o.getOrDefault("target-rps", "1000"));
        double targetVisibleMs = Double.parseDouble(o.getOrDefault("target-visible-p99-ms", "200"));
        VotesLoadMain load = new VotesLoadMain(o.get("url"), connections);
        try {
            load.run(comments, rate, warmup, duration, probeEvery, targetRps, targetVisibleMs);
        } finally {
            load.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A client address on a network of its own for each n (Isso anonymises to /24: the first three octets). */
    static String network(long n, int firstOctet) {
        return firstOctet + (n >> 16) + "." + ((n >> 8) & 255) + "." + (n & 255) + ".7";
    }

    private Future<JsonObject> request(HttpMethod method, String path, String visitor, String body) {
        return request(client, method, path, visitor, body);
    }

    private Future<JsonObject> request(HttpClient http, HttpMethod method, String path, String visitor,
                                       String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setIdleTimeout(TIMEOUT_MS)
                .setConnectTimeout(TIMEOUT_MS).putHeader("Content-Type", "application/json");
        if (visitor != null) {
            options.putHeader("X-Forwarded-For", visitor);
        }
        return http.request(options).compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(bytes -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("status " + response.statusCode());
                    }
                    String text = bytes.toString();
                    return text.startsWith("{") ? new JsonObject(text) : new JsonObject().put("list", new JsonArray(text));
                }));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS * 4, TimeUnit.MILLISECONDS);
    }

    /** Seeding on a loaded machine: a timed-out post is tried again (a duplicate comment does no harm). */
    private long post(String uri, String text, long n) throws Exception {
        String path = "/new?uri=" + uri;
        for (int attempt = 1; ; attempt++) {
            try {
                return await(request(HttpMethod.POST, path, network(n, 200), new JsonObject().put("text", text)
                        .put("author", "Bench").encode())).getLong("id");
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** One probe vote; false when it failed or never showed within 10 s. */
    private boolean probe(long probe, String probeUri, long n, Histogram visible) throws InterruptedException {
        try {
            long expected = await(request(probeClient, HttpMethod.POST, "/id/" + probe + "/like", network(n, 120),
                    null)).getLong("likes");
            long answered = System.nanoTime();
            while (System.nanoTime() - answered < TimeUnit.SECONDS.toNanos(10)) {
                JsonObject thread = await(request(probeClient, HttpMethod.GET, "/?uri=" + probeUri, null, null));
                if (thread.getJsonArray("replies").getJsonObject(0).getLong("likes") >= expected) {
                    visible.recordValue(Math.max(1, (System.nanoTime() - answered) / 1000));
                    return true;
                }
                Thread.sleep(2);
            }
            return false;
        } catch (Exception e) {
            System.err.println("probe failed: " + e.getMessage());
            return false;
        }
    }

    private void run(int comments, double rate, int warmup, int duration, long probeEvery, double targetRps,
                     double targetVisibleMs) throws Exception {
        String uri = "/bench/votes/" + System.nanoTime();
        long started = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < comments; i++) {
            ids.add(post(uri, "Vote target " + i, i));
        }
        String probeUri = uri + "/probe";
        long probe = post(probeUri, "Probe", comments);
        System.err.printf("seeded %d comments in %.1f s%n", comments, (System.nanoTime() - started) / 1e9);
        // First votes wait for the replica; make sure each comment is known before measuring.
        for (int i = 0; i < ids.size(); i++) {
            try {
                await(request(HttpMethod.POST, "/id/" + ids.get(i) + "/like", network(i, 100), null));
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("warm-up vote failed: " + e.getMessage());
            }
        }

        Histogram votes = new Histogram(3);
        Histogram visible = new Histogram(3);
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong measuredSent = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        // Beyond this many votes under way a scheduled vote is not sent but counted as failed ("dropped"), so an
        // overloaded system shows its capacity instead of an ever-growing queue of timeouts.
        int maxBacklog = connections * 4;
        Map<String, AtomicInteger> errors = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(duration);
        double interval = 1e9 / rate;
        long[] next = {0};
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            if (now >= measureTo) {
                vertx.cancelTimer(timer);
                return;
            }
            for (long scheduled; (scheduled = start + (long) (next[0] * interval)) <= now; next[0]++) {
                long n = next[0] + 1_000;
                long at = scheduled;
                boolean measured = at >= measureFrom && at < measureTo;
                if (measured) {
                    measuredSent.incrementAndGet();
                }
                if (inFlight.get() >= maxBacklog) {
                    if (measured) {
                        errors.computeIfAbsent("dropped (backlog full)", k -> new AtomicInteger()).incrementAndGet();
                    }
                    continue;
                }
                sent.incrementAndGet();
                inFlight.incrementAndGet();
                request(HttpMethod.POST, "/id/" + ids.get((int) (n % ids.size())) + "/like", network(n, 11), null)
                        .onComplete(result -> {
                            inFlight.decrementAndGet();
                            if (!measured) {
                                return;
                            }
                            long micros = (System.nanoTime() - at) / 1000;
                            if (result.failed() || micros > TIMEOUT_MS * 1000) {
                                errors.computeIfAbsent(result.failed() ? String.valueOf(result.cause().getMessage())
                                        : "slower than the timeout", k -> new AtomicInteger()).incrementAndGet();
                            } else {
                                ok.incrementAndGet();
                                synchronized (votes) {
                                    votes.recordValue(Math.max(1, micros));
                                }
                            }
                        });
            }
        });
        // The probe: sequential, from the main thread, during the measured window only.
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        long probeVotes = 0;
        long lost = 0;
        while (System.nanoTime() < measureTo) {
            if (probe(probe, probeUri, probeVotes++, visible)) {
                Thread.sleep(probeEvery);
            } else {
                lost++;
            }
        }
        Thread.sleep(TIMEOUT_MS);
        double achieved = ok.get() / (double) duration;
        double visibleP99 = visible.getValueAtPercentile(99) / 1000.0;
        System.err.printf(Locale.ROOT, "offered %.0f votes/s, %d sent in the window, %d ok, errors %s%n", rate,
                measuredSent.get(), ok.get(), errors);
        System.err.printf(Locale.ROOT, "vote latency ms: p50 %.1f p90 %.1f p99 %.1f max %.1f%n",
                votes.getValueAtPercentile(50) / 1000.0, votes.getValueAtPercentile(90) / 1000.0,
                votes.getValueAtPercentile(99) / 1000.0, votes.getMaxValue() / 1000.0);
        System.err.printf(Locale.ROOT, "vote->visible ms over %d probes (%d failed or not shown within 10 s): p50 %.1f p99 %.1f "
                        + "max %.1f%n", visible.getTotalCount(), lost, visible.getValueAtPercentile(50) / 1000.0,
                visibleP99, visible.getMaxValue() / 1000.0);
        boolean met = achieved >= targetRps && visibleP99 <= targetVisibleMs && lost == 0;
        System.out.printf(Locale.ROOT, "| %.0f | %.0f | %.1f | %.1f | %.1f | %d | %d | %.1f | %.1f | %.1f | %s |%n", rate,
                achieved, votes.getValueAtPercentile(50) / 1000.0, votes.getValueAtPercentile(99) / 1000.0,
                votes.getMaxValue() / 1000.0, measuredSent.get() - ok.get(), visible.getTotalCount(),
                visible.getValueAtPercentile(50) / 1000.0, visibleP99, visible.getMaxValue() / 1000.0,
                met ? "yes" : "no");
    }
}
