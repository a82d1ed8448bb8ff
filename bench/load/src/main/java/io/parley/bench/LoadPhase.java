package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * One load phase against one endpoint: a warm-up (not recorded), then a measured window, then a bounded drain.
 *
 * <ul>
 * <li><b>closed</b> ({@code rate == 0}): each of {@code connections} virtual users sends a request, waits for the
 * whole response, sends the next. Shows the most the system serves with that concurrency; latency from send to the
 * last byte.</li>
 * <li><b>open</b> ({@code rate > 0}): requests start on a fixed schedule of {@code rate} per second whatever the
 * answers do, over a pool of at most {@code connections} connections. Latency counts from the scheduled start, so
 * time spent queueing for a connection counts (no coordinated omission): the figure a client arriving at that rate
 * sees.</li>
 * </ul>
 *
 * A request is in the measured window when its (scheduled) start is; it succeeds when the status is the expected one
 * and the body was read completely within the timeout.
 */
final class LoadPhase {

    /** What to send: request {@code n} (0-based, counting the warm-up) → method, path and optional body. */
    record Target(HttpMethod method, LongFunction<String> path, LongFunction<Buffer> body, String contentType,
                  int expectedStatus) {
    }

    /**
     * @param maxBacklog open model only: requests under way (sending or waiting for a connection) beyond which a
     *                   scheduled request is not sent but counted as an error ("dropped"), so an overloaded system
     *                   shows its real capacity and latency instead of an ever-growing queue of timeouts
     */
    record Settings(String host, int port, int connections, double rate, Duration warmup, Duration duration,
                    Duration timeout, int eventLoops, int maxBacklog) {
    }

    record Result(long requests, long ok, long errors, Map<String, Long> errorKinds, double seconds,
                  Histogram latencyMicros, long bodyBytes, int maxInFlight, Map<String, Double> cores) {

        double throughput() {
            return ok / seconds;
        }
    }

    private final Settings settings;
    private final Target target;
    private final CpuSampler cpu;

    private final Recorder recorder = new Recorder(3);
    private final LongAdder measuredRequests = new LongAdder();
    private final LongAdder measuredOk = new LongAdder();
    private final LongAdder measuredBodyBytes = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile boolean stopIssuing;
    private long measureFrom;
    private long measureTo;

    LoadPhase(Settings settings, Target target, CpuSampler cpu) {
        this.settings = settings;
        this.target = target;
        this.cpu = cpu;
    }

    Result run() throws InterruptedException {
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(settings.eventLoops())
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        try {
            HttpClientOptions options = new HttpClientOptions()
                    .setDefaultHost(settings.host())
                    .setDefaultPort(settings.port())
                    .setKeepAlive(true)
                    .setPipelining(false)
                    .setTcpNoDelay(true)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
            // Unbounded wait queue: in the open model a request waits for a free connection, and that wait is part of
            // its latency; the per-request timeout bounds it.
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(settings.connections()).setMaxWaitQueueSize(-1);
            HttpClient client = vertx.createHttpClient(options, pool);

            long start = System.nanoTime();
            measureFrom = start + settings.warmup().toNanos();
            measureTo = measureFrom + settings.duration().toNanos();
            if (settings.rate() > 0) {
                startOpen(vertx, client, start);
            } else {
                startClosed(vertx, client);
            }
            sleepUntil(measureFrom);
            CpuSampler.Snapshot before = cpu == null ? null : cpu.snapshot();
            recorder.reset();
            sleepUntil(measureTo);
            CpuSampler.Snapshot after = cpu == null ? null : cpu.snapshot();
            stopIssuing = true;
            // Requests still under way belong to the window: wait for them, at most the timeout (bounded).
            long drainUntil = System.nanoTime() + Math.min(settings.timeout().toNanos(), Duration.ofSeconds(10).toNanos());
            while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
                Thread.sleep(10);
            }
            long abandoned = inFlight.get();
            if (abandoned > 0) {
                errorKinds.computeIfAbsent("unfinished at end", k -> new LongAdder()).add(abandoned);
            }
            Histogram latencies = recorder.getIntervalHistogram();
            Map<String, Long> kinds = new TreeMap<>();
            long errors = 0;
            for (Map.Entry<String, LongAdder> e : errorKinds.entrySet()) {
                kinds.put(e.getKey(), e.getValue().sum());
                errors += e.getValue().sum();
            }
            return new Result(measuredRequests.sum(), measuredOk.sum(), errors, kinds,
                    settings.duration().toNanos() / 1e9, latencies, measuredBodyBytes.sum(), maxInFlight.get(),
                    cpu == null ? Map.of() : cpu.coresUsed(before, after));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    /** Each virtual user on its own context, so the users spread over the event loops. */
    private void startClosed(Vertx vertx, HttpClient client) {
        for (int i = 0; i < settings.connections(); i++) {
            vertx.getOrCreateContext().runOnContext(v -> closedLoop(client));
        }
    }

    private void closedLoop(HttpClient client) {
        if (stopIssuing) {
            return;
        }
        long started = System.nanoTime();
        send(client, started).onComplete(done -> closedLoop(client));
    }

    /**
     * A 1 ms timer starts every request whose scheduled time has come; latency counts from that scheduled time, so
     * a late timer tick or a full pool shows in the figures instead of hiding.
     */
    private void startOpen(Vertx vertx, HttpClient client, long start) {
        double intervalNanos = 1e9 / settings.rate();
        long[] next = {0};
        vertx.getOrCreateContext().runOnContext(v -> vertx.setPeriodic(1, timer -> {
            if (stopIssuing) {
                vertx.cancelTimer(timer);
                return;
            }
            long now = System.nanoTime();
            while (true) {
                long scheduled = start + (long) (next[0] * intervalNanos);
                if (scheduled > now) {
                    break;
                }
                next[0]++;
                if (inFlight.get() >= settings.maxBacklog()) {
                    if (scheduled >= measureFrom && scheduled < measureTo) {
                        measuredRequests.increment();
                        error("dropped: " + settings.maxBacklog() + " requests already under way");
                    }
                    continue;
                }
                send(client, scheduled);
            }
        }));
    }

    /** Sends request number n; completes (never fails) when the outcome is recorded. */
    private Future<Void> send(HttpClient client, long scheduled) {
        long n = sequence.getAndIncrement();
        boolean measured = scheduled >= measureFrom && scheduled < measureTo;
        if (measured) {
            measuredRequests.increment();
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        RequestOptions request = new RequestOptions()
                .setMethod(target.method())
                .setURI(target.path().apply(n))
                .setIdleTimeout(settings.timeout().toMillis())
                // Bounds the wait for a pooled connection as well.
                .setConnectTimeout(settings.timeout().toMillis())
                .putHeader("Accept", "application/json");
        Buffer body = target.body() == null ? null : target.body().apply(n);
        if (body != null) {
            request.putHeader("Content-Type", target.contentType());
        }
        return client.request(request)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(response -> response.body().map(bytes -> new int[] {response.statusCode(), bytes.length()}))
                .transform(outcome -> {
                    long micros = (System.nanoTime() - scheduled) / 1000;
                    inFlight.decrementAndGet();
                    if (!measured) {
                        return Future.succeededFuture();
                    }
                    if (outcome.failed()) {
                        error(describe(outcome.cause(), micros));
                    } else if (outcome.result()[0] != target.expectedStatus()) {
                        error("status " + outcome.result()[0]);
                    } else if (micros > settings.timeout().toNanos() / 1000) {
                        error("slower than the timeout");
                    } else {
                        measuredOk.increment();
                        measuredBodyBytes.add(outcome.result()[1]);
                        recorder.recordValue(Math.max(1, micros));
                    }
                    return Future.succeededFuture();
                });
    }

    private static String describe(Throwable failure, long micros) {
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.toLowerCase(java.util.Locale.ROOT).contains("timeout")
                || type.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return "timeout";
        }
        return type + (message.isEmpty() ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private void error(String kind) {
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
        }
    }
}
