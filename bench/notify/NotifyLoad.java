import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.stack.LocalStack;

/**
 * Reply-notification load (docs/benchmarks.md, "Notification delivery"): starts a stack from the built jars, posts
 * N parent comments whose authors ask for reply mails (one address each), then one Isso reply to each, and measures
 * when the N reply mails have reached the SMTP catcher. Run by bench/notify-load.sh.
 */
public class NotifyLoad {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPLIES", "1000"));
        int concurrency = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONCURRENCY", "16"));
        Path data = Path.of(args[0]);
        Path root = Path.of(args[1]);
        LocalStack stack = LocalStack.builder().everything(false).freePorts().dataDir(data).root(root)
                .startTimeout(Duration.ofMinutes(5))
                .progress(System.err::println)
                // One client address posts everything: the Isso guard would stop it after two comments.
                .serviceEnvironment("comments-service", Map.of("PARLEY_ISSO_GUARD_ENABLED", "false"))
                // Only reply mails are measured; admin mails (one per comment) would double the mail volume.
                .serviceEnvironment("notify-service", Map.of("PARLEY_NOTIFY_ADMIN_ENABLED", "false"))
                .build().stopOnExit();
        long t0 = System.nanoTime();
        stack.start();
        System.err.printf("stack up in %.1f s, load average %s%n", secs(t0), loadAverage());
        String gateway = stack.gatewayUrl();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String uriPrefix = "/bench/notify/" + System.currentTimeMillis() + "/";

        long seedStart = System.nanoTime();
        List<Long> parents = postAll(http, gateway, n, concurrency, i -> uriPrefix + (i % 50) + "/",
                i -> "{\"text\":\"Parent comment " + i + "\",\"author\":\"Parent " + i + "\",\"email\":\"parent-" + i
                        + "@bench.example\",\"notification\":1,\"title\":\"Bench\"}");
        System.err.printf("%d parents posted in %.1f s%n", n, secs(seedStart));
        // Parents produce no mail; wait until notify-service has them (their replies need the replica).
        Thread.sleep(3000);
        stack.mail().purge();

        long repliesStart = System.nanoTime();
        postAll(http, gateway, n, concurrency, i -> uriPrefix + (i % 50) + "/",
                i -> "{\"text\":\"Reply " + i + "\",\"author\":\"Replier\",\"parent\":" + parents.get(i)
                        + ",\"title\":\"Bench\"}");
        double postSeconds = secs(repliesStart);
        long posted = System.nanoTime();
        System.err.printf("%d replies posted in %.1f s (%.0f/s)%n", n, postSeconds, n / postSeconds);

        int caught = 0;
        long deadline = posted + Duration.ofSeconds(120).toNanos();
        double firstHalf = -1;
        while (System.nanoTime() < deadline) {
            caught = stack.mail().messages().size();
            if (firstHalf < 0 && caught >= n / 2) {
                firstHalf = secs(posted);
            }
            if (caught >= n) {
                break;
            }
            Thread.sleep(200);
        }
        double afterLast = secs(posted);
        double afterFirst = secs(repliesStart);
        Thread.sleep(3000);
        int finalCount = stack.mail().messages().size();
        System.out.printf("replies=%d posted_s=%.1f mails=%d after_last_post_s=%.1f after_first_post_s=%.1f"
                        + " duplicates_or_extra=%d target_30s=%s load=%s%n",
                n, postSeconds, caught, afterLast, afterFirst, finalCount - n,
                caught >= n && afterLast <= 30 ? "met" : "NOT met", loadAverage());
        stack.stop();
    }

    interface Body {
        String of(int i);
    }

    /** Posts n comments with bounded concurrency; returns their ids in order. */
    static List<Long> postAll(HttpClient http, String gateway, int n, int concurrency, Body uri, Body body)
            throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<Long>> ids = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/new?uri=" + uri.of(i)))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body.of(i))).build();
            ids.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> slots.release())
                    .thenApply(r -> {
                        if (r.statusCode() != 201) {
                            failures.incrementAndGet();
                            throw new IllegalStateException("POST /new answered " + r.statusCode() + ": " + r.body());
                        }
                        String json = r.body();
                        int at = json.indexOf("\"id\":") + 5;
                        int end = at;
                        while (end < json.length() && Character.isDigit(json.charAt(end))) {
                            end++;
                        }
                        return Long.parseLong(json.substring(at, end));
                    }));
        }
        List<Long> out = new ArrayList<>();
        for (CompletableFuture<Long> id : ids) {
            out.add(id.join());
        }
        return out;
    }

    static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (Exception e) {
            return "?";
        }
    }
}
