package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Isso load benchmark through the gateway. Two commands:
 *
 * <pre>
 * seed --url URL --uri /bench/thread [--comments 100]
 *     posts a thread of N comments (Markdown, some of them replies) with POST /new and checks GET /?uri= shows N.
 * run  --url URL --scenario get|post --label NAME [--uri /bench/thread] [--connections 16] [--rate 0]
 *      [--warmup 10] [--duration 20] [--timeout 5] [--event-loops 1] [--threads 1000] [--max-backlog 2*connections]
 *      [--target-rps N --target-p99-ms N] [--stack-info FILE] [--markdown FILE]
 *     runs one phase; prints one CSV line (see {@code header}) on stdout, details on stderr.
 * header
 *     prints the CSV header.
 * </pre>
 *
 * {@code --rate 0} is the closed model (each connection sends its next request when the last answered), a positive
 * rate the open model (requests on a fixed schedule, latency from the scheduled start; a request due while
 * {@code --max-backlog} are under way is dropped and counted as an error). {@code get} reads
 * {@code --uri}; {@code post} spreads new comments over {@code --threads} other threads so the read thread keeps its
 * size. {@code --stack-info} is the ready file of {@link BenchStackMain}: the CPU each part used is then reported.
 */
public final class IssoLoadMain {

    static final String CSV_HEADER = "scenario,model,connections,target_rps,achieved_rps,p50_ms,p90_ms,p99_ms,"
            + "p99_9_ms,max_ms,requests,errors,avg_body_bytes,max_in_flight,target_met,cpu_cores";

    private static final ObjectMapper JSON = new ObjectMapper();

    private IssoLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("a command is required: seed, run or header");
        }
        Map<String, String> options = options(args);
        int code = switch (args[0]) {
            case "seed" -> seed(options);
            case "run" -> run(options);
            case "header" -> {
                System.out.println(CSV_HEADER);
                yield 0;
            }
            default -> {
                usage("unknown command " + args[0]);
                yield 2;
            }
        };
        System.exit(code);
    }

    // ------------------------------------------------------------------ seed

    /** Posts the thread one comment after another; every 4th comment from the 11th on replies to an earlier one. */
    static int seed(Map<String, String> o) throws IOException, InterruptedException {
        String url = required(o, "url");
        String uri = o.getOrDefault("uri", "/bench/thread");
        int count = Integer.parseInt(o.getOrDefault("comments", "100"));
        // HTTP/1.1 as browsers speak to the gateway (the JDK client would otherwise ask for an h2c upgrade).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> topLevel = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("text", commentText(i));
            body.put("author", "Reader " + i);
            if (i % 3 == 0) {
                body.put("email", "reader" + i + "@example.org");
            }
            if (i % 5 == 0) {
                body.put("website", "https://example.org/readers/" + i);
            }
            Long parent = i > 10 && i % 4 == 0 ? topLevel.get((i * 7) % topLevel.size()) : null;
            if (parent != null) {
                body.put("parent", parent);
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/new?uri="
                    + encode(uri))).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                System.err.printf("seed: POST /new #%d answered %d: %s%n", i, response.statusCode(),
                        abbreviate(response.body()));
                return 1;
            }
            if (parent == null) {
                topLevel.add(JSON.readTree(response.body()).get("id").asLong());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        HttpResponse<String> thread = http.send(HttpRequest.newBuilder(URI.create(url + "/?uri=" + encode(uri)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (thread.statusCode() != 200) {
            System.err.printf("seed: GET /?uri= answered %d: %s%n", thread.statusCode(), abbreviate(thread.body()));
            return 1;
        }
        int shown = countComments(JSON.readTree(thread.body()).get("replies"));
        if (shown != count) {
            System.err.printf("seed: the thread shows %d comments, expected %d%n", shown, count);
            return 1;
        }
        System.err.printf("seed: %d comments (%d top-level) in %.1f s; GET /?uri=%s is %d bytes%n", count,
                topLevel.size(), seconds, uri, thread.body().getBytes(StandardCharsets.UTF_8).length);
        return 0;
    }

    private static int countComments(JsonNode replies) {
        int n = 0;
        if (replies != null) {
            for (JsonNode reply : replies) {
                n += 1 + countComments(reply.get("replies"));
            }
        }
        return n;
    }

    /** A few hundred characters of Markdown, like a real comment (the HTML is rendered once, when posted). */
    static String commentText(long n) {
        return "Comment " + n + ": thanks for the write-up. I tried the *second* approach on our blog and it "
                + "worked after one change:\n\n- keep the `uri` stable across redirects\n- and check "
                + "[the docs](https://example.org/docs/" + n + ") for the cookie rules.\n\nDoes anyone know "
                + "whether **moderation** applies to replies as well?";
    }

    // ------------------------------------------------------------------ run

    static int run(Map<String, String> o) throws Exception {
        URI base = URI.create(required(o, "url"));
        String scenario = required(o, "scenario");
        String label = o.getOrDefault("label", scenario);
        String uri = o.getOrDefault("uri", "/bench/thread");
        int threads = Integer.parseInt(o.getOrDefault("threads", "1000"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        LoadPhase.Settings settings = new LoadPhase.Settings(base.getHost(), base.getPort(), connections,
                Double.parseDouble(o.getOrDefault("rate", "0")),
                seconds(o.getOrDefault("warmup", "10")), seconds(o.getOrDefault("duration", "20")),
                seconds(o.getOrDefault("timeout", "5")), Integer.parseInt(o.getOrDefault("event-loops", "1")),
                Integer.parseInt(o.getOrDefault("max-backlog", Integer.toString(2 * connections))));
        LoadPhase.Target target = switch (scenario) {
            case "get" -> {
                String path = "/?uri=" + encode(uri);
                yield new LoadPhase.Target(HttpMethod.GET, n -> path, null, null, 200);
            }
            case "post" -> {
                // A distinct run id keeps comments of repeated runs apart; the thread cycles so most posts go to an
                // existing thread, as on a real site.
                String run = Long.toString(System.currentTimeMillis() % 100000, 36);
                yield new LoadPhase.Target(HttpMethod.POST,
                        n -> "/new?uri=" + encode("/bench/posts/" + run + "/" + (n % threads)),
                        n -> Buffer.buffer(newCommentJson(n)), "application/json", 201);
            }
            default -> {
                usage("--scenario is get or post");
                yield null;
            }
        };
        CpuSampler cpu = null;
        if (o.containsKey("stack-info") && CpuSampler.available()) {
            Map<String, Long> groups = new LinkedHashMap<>(stackPids(Path.of(o.get("stack-info"))));
            groups.put("load-generator", ProcessHandle.current().pid());
            cpu = new CpuSampler(groups, Set.of("postgres"));
        }
        System.err.printf("%s: %s, %s model, %d connection(s)%s, warm-up %ds, measured %ds%n", label, scenario,
                settings.rate() > 0 ? "open" : "closed", settings.connections(),
                settings.rate() > 0 ? String.format(Locale.ROOT, ", %.0f req/s", settings.rate()) : "",
                settings.warmup().toSeconds(), settings.duration().toSeconds());

        LoadPhase.Result result = new LoadPhase(settings, target, cpu).run();

        Histogram h = result.latencyMicros();
        double targetRps = Double.parseDouble(o.getOrDefault("target-rps", "0"));
        double targetP99 = Double.parseDouble(o.getOrDefault("target-p99-ms", "0"));
        String met = "-";
        if (targetRps > 0 && targetP99 > 0) {
            // Open model: the offered rate must be served (1 % slack for the schedule's edges).
            double needed = settings.rate() > 0 ? Math.min(targetRps, settings.rate()) * 0.99 : targetRps;
            boolean ok = result.throughput() >= needed && ms(h.getValueAtPercentile(99)) <= targetP99
                    && result.errors() == 0 && h.getTotalCount() > 0;
            met = ok ? "yes" : "no";
        }
        StringBuilder cores = new StringBuilder();
        result.cores().forEach((name, used) -> cores.append(cores.length() == 0 ? "" : " ")
                .append(name).append('=').append(String.format(Locale.ROOT, "%.2f", used)));
        String csv = String.join(",", label, settings.rate() > 0 ? "open" : "closed",
                Integer.toString(settings.connections()),
                settings.rate() > 0 ? String.format(Locale.ROOT, "%.0f", settings.rate()) : "max",
                String.format(Locale.ROOT, "%.0f", result.throughput()),
                fmt(h.getValueAtPercentile(50)), fmt(h.getValueAtPercentile(90)), fmt(h.getValueAtPercentile(99)),
                fmt(h.getValueAtPercentile(99.9)), fmt(h.getMaxValue()),
                Long.toString(result.requests()), Long.toString(result.errors()),
                Long.toString(result.ok() == 0 ? 0 : result.bodyBytes() / result.ok()),
                Integer.toString(result.maxInFlight()), met, cores.toString());
        System.out.println(csv);
        System.err.printf(Locale.ROOT, "  %.0f req/s ok; latency ms p50 %s p90 %s p99 %s p99.9 %s max %s; "
                        + "%d requests, %d errors %s; max in flight %d%n  CPU (cores): %s%n",
                result.throughput(), fmt(h.getValueAtPercentile(50)), fmt(h.getValueAtPercentile(90)),
                fmt(h.getValueAtPercentile(99)), fmt(h.getValueAtPercentile(99.9)), fmt(h.getMaxValue()),
                result.requests(), result.errors(), result.errorKinds().isEmpty() ? "" : result.errorKinds(),
                result.maxInFlight(), cores);
        if (o.containsKey("markdown")) {
            String row = String.format(Locale.ROOT, "| %s | %s | %d | %s | %.0f | %s | %s | %s | %s | %d | %s | %s |%n",
                    label, settings.rate() > 0 ? "open" : "closed", settings.connections(),
                    settings.rate() > 0 ? String.format(Locale.ROOT, "%.0f", settings.rate()) : "max",
                    result.throughput(), fmt(h.getValueAtPercentile(50)), fmt(h.getValueAtPercentile(90)),
                    fmt(h.getValueAtPercentile(99)), fmt(h.getMaxValue()), result.errors(), met, cores);
            Files.writeString(Path.of(o.get("markdown")), row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return 0;
    }

    static String newCommentJson(long n) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", commentText(n));
        body.put("author", "Load " + (n % 997));
        body.putNull("email");
        body.putNull("website");
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pid.<name>=<pid>} lines of the stack's ready file. */
    private static Map<String, Long> stackPids(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String order : List.of("gateway", "comments-service", "feed-service", "postgres", "kafka",
                "stack-launcher")) {
            String value = p.getProperty("pid." + order);
            if (value != null && Long.parseLong(value) > 0) {
                pids.put(order, Long.parseLong(value));
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("pid.") && !pids.containsKey(key.substring(4)) && Long.parseLong(p.getProperty(key)) > 0) {
                pids.put(key.substring(4), Long.parseLong(p.getProperty(key)));
            }
        }
        return pids;
    }

    // ------------------------------------------------------------------ helpers

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static String fmt(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.1f", ms(micros));
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("options are --name value pairs; not understood: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            usage("--" + name + " is required");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: IssoLoadMain seed --url URL [--uri U] [--comments N]");
        System.err.println("       IssoLoadMain run --url URL --scenario get|post [--label L] [--uri U] "
                + "[--connections N] [--rate R] [--warmup S] [--duration S] [--timeout S] [--event-loops N] "
                + "[--threads N] [--max-backlog N] [--target-rps N --target-p99-ms N] [--stack-info FILE] [--markdown FILE]");
        System.err.println("       IssoLoadMain header");
        System.exit(2);
    }
}
