package io.parley.bench;

import io.vertx.core.http.HttpMethod;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Remark42 {@code GET /api/v1/find?format=tree} of one post through the gateway (docs/benchmarks.md, "Remark42 find").
 * The post is seeded with {@code IssoLoadMain seed} (comments posted through Isso, read through Remark42).
 *
 * <pre>
 * Remark42FindMain --url GATEWAY --uri /bench/find-500 [--connections 16] [--rate 0] [--warmup 10] [--duration 20]
 *                  [--target-rps 1000] [--target-p99-ms 50] [--label find-max]
 * </pre>
 * Prints one markdown table row on stdout: label, model, connections, offered, achieved req/s, p50/p90/p99/max ms,
 * errors, target met.
 */
public final class Remark42FindMain {

    private Remark42FindMain() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI base = URI.create(o.get("url"));
        String path = "/api/v1/find?site=remark&format=tree&sort=-active&url="
                + URLEncoder.encode(o.getOrDefault("uri", "/bench/find-500"), StandardCharsets.UTF_8);
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        LoadPhase.Settings settings = new LoadPhase.Settings(base.getHost(), base.getPort(), connections, rate,
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "10"))),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "20"))), Duration.ofSeconds(5),
                1, 2 * connections);
        LoadPhase.Result result = new LoadPhase(settings,
                new LoadPhase.Target(HttpMethod.GET, n -> path, null, null, 200), null).run();
        Histogram h = result.latencyMicros();
        double targetRps = Double.parseDouble(o.getOrDefault("target-rps", "1000"));
        double targetP99 = Double.parseDouble(o.getOrDefault("target-p99-ms", "50"));
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        boolean met = result.throughput() >= (rate > 0 ? Math.min(rate, targetRps) * 0.99 : targetRps)
                && p99 <= targetP99 && result.errors() == 0 && h.getTotalCount() > 0;
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %s | %d B |%n",
                o.getOrDefault("label", "find"), rate > 0 ? "open" : "closed", connections,
                rate > 0 ? String.format(Locale.ROOT, "%.0f", rate) : "max", result.throughput(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, p99,
                h.getMaxValue() / 1000.0, result.errors(), met ? "yes" : "no",
                result.ok() == 0 ? 0 : result.bodyBytes() / result.ok());
    }
}
