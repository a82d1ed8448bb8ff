package io.parley.comments;

import io.parley.comments.config.ParleyConfig;
import io.parley.comments.service.IssoImporter;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * comments-service: without arguments the service; {@code import-isso [--site=S] [--source=N] FILE} imports an
 * Isso database into the configured PostgreSQL, waits until every event is published to Kafka, and exits
 * (0 done, 1 failed, 2 usage). See docs/import.md.
 */
@QuarkusMain
public class CommentsMain implements QuarkusApplication {

    static final String IMPORT_ISSO = "import-isso";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    IssoImporter importer;

    @Inject
    Pool pool;

    @Inject
    ParleyConfig config;

    public static void main(String... args) {
        if (args.length > 0 && IMPORT_ISSO.equals(args[0]) && System.getProperty("quarkus.http.port") == null
                && System.getenv("QUARKUS_HTTP_PORT") == null) {
            // A one-off run beside the running service: any free port.
            System.setProperty("quarkus.http.port", "0");
        }
        Quarkus.run(CommentsMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (!IMPORT_ISSO.equals(args[0])) {
            System.err.println("unknown command: " + args[0] + " (known: " + IMPORT_ISSO + ")");
            return 2;
        }
        String site = null;
        String source = "isso";
        String file = null;
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            if (arg.startsWith("--site=")) {
                site = arg.substring("--site=".length());
            } else if (arg.startsWith("--source=")) {
                source = arg.substring("--source=".length());
            } else if (!arg.startsWith("--") && file == null) {
                file = arg;
            } else {
                return usage("unexpected argument: " + arg);
            }
        }
        if (file == null || source.isBlank() || (site != null && site.isBlank())) {
            return usage("an Isso database file is required");
        }
        String targetSite = site != null ? site : config.defaultSite();
        try {
            IssoImporter.Report report = importer.importFile(Path.of(file), targetSite, source, System.out::println);
            System.out.println("imported " + report.imported() + " comments in " + report.threads() + " threads into "
                    + "site " + targetSite + " (" + report.alreadyImported() + " already imported, "
                    + report.renumbered() + " with a new id, " + report.skipped() + " skipped)");
            awaitPublished();
            System.out.println("all events published");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("import failed: " + e.getMessage());
            return 1;
        }
    }

    /** The running relay publishes the outbox; the import is done when nothing is left unsent. */
    private void awaitPublished() throws Exception {
        long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long unsent;
            try {
                unsent = VertxContextSupport.subscribeAndAwait(() -> pool
                        .query("select count(*) from outbox where sent_at is null").execute()
                        .map(rows -> rows.iterator().next().getLong(0)));
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (unsent == 0) {
                return;
            }
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500)).await().indefinitely();
        }
        throw new IllegalStateException("events still unpublished after " + PUBLISH_TIMEOUT
                + "; the service's relay publishes them once Kafka is reachable");
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: " + IMPORT_ISSO + " [--site=SITE] [--source=NAME] FILE");
        return 2;
    }
}
