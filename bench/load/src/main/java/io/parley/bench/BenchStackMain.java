package io.parley.bench;

import io.parley.stack.LocalStack;
import io.parley.stack.ServiceProcess;
import io.parley.stack.StackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the local stack for a benchmark: every part except Keycloak, on free loopback ports, in the given data
 * directory, with benchmark-specific service environment. When it is ready it writes a properties file (gateway URL
 * and the process ids of the parts, for CPU accounting) and then runs until SIGTERM, which stops everything.
 *
 * <pre>
 * java -cp parley-bench.jar:lib/* io.parley.bench.BenchStackMain --data-dir DIR --ready-file FILE [--root DIR]
 *      [--env SERVICE:NAME=VALUE]... [--service-java-options "OPTIONS"]
 * </pre>
 *
 * {@code --root} is where the built services ({@code <service>/target/quarkus-app}) and the broker's jars
 * ({@code deploy/kafka-broker/target/lib}) are found; the script passes a copy, so a build running beside the
 * benchmark cannot swap a jar under a running service.
 *
 * {@code --service-java-options} is handed to every service JVM as {@code _JAVA_OPTIONS}, which the JVM applies after
 * its command line: the way to try other heap or JIT settings than the stack's fixed
 * {@code -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} without changing the stack.
 */
public final class BenchStackMain {

    /** Held so the levels stay set (JUL keeps loggers only weakly). */
    private static final List<Logger> QUIET = new ArrayList<>();

    private BenchStackMain() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Path dataDir = null;
        Path root = null;
        Path readyFile = null;
        String javaOptions = null;
        Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--root" -> root = Path.of(args[++i]);
                case "--ready-file" -> readyFile = Path.of(args[++i]);
                case "--service-java-options" -> javaOptions = args[++i];
                case "--env" -> {
                    String entry = args[++i];
                    int colon = entry.indexOf(':');
                    int equals = entry.indexOf('=');
                    if (colon < 1 || equals < colon + 2) {
                        usage("--env takes SERVICE:NAME=VALUE, not " + entry);
                    }
                    environment.computeIfAbsent(entry.substring(0, colon), k -> new HashMap<>())
                            .put(entry.substring(colon + 1, equals), entry.substring(equals + 1));
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (dataDir == null || readyFile == null) {
            usage("--data-dir and --ready-file are required");
        }

        LocalStack.Builder builder = LocalStack.builder()
                .everything(false)
                .freePorts()
                .dataDir(dataDir)
                .progress(line -> System.out.println(line));
        if (root != null) {
            builder.root(root);
        }
        environment.forEach(builder::serviceEnvironment);
        if (javaOptions != null && !javaOptions.isBlank()) {
            for (String service : List.of("comments-service", "feed-service", "gateway")) {
                builder.serviceEnvironment(service, Map.of("_JAVA_OPTIONS", javaOptions));
            }
        }
        LocalStack stack = builder.build().stopOnExit();
        long t0 = System.nanoTime();
        try {
            stack.start();
        } catch (StackException e) {
            System.err.println("The stack did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("Stack up in %.1f s; gateway %s%n", (System.nanoTime() - t0) / 1e9, stack.gatewayUrl());
        writeReadyFile(stack, readyFile);
        // Until SIGTERM: the shutdown hook of stopOnExit() stops every part.
        Thread.currentThread().join();
    }

    /** Writes atomically, so the script never reads half a file. */
    private static void writeReadyFile(LocalStack stack, Path readyFile) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("gateway.url=").append(stack.gatewayUrl()).append('\n');
        out.append("pid.stack-launcher=").append(ProcessHandle.current().pid()).append('\n');
        for (Map.Entry<String, List<ServiceProcess>> service : stack.services().entrySet()) {
            List<ServiceProcess> instances = service.getValue();
            for (ServiceProcess instance : instances) {
                out.append("pid.").append(instance.name()).append('=').append(instance.pid()).append('\n');
            }
        }
        // The broker is a child JVM; PostgreSQL's postmaster is detached by pg_ctl, so it is found by its pid file
        // (its backends are its children, summed by the CPU sampler).
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            if (child.info().commandLine().orElse("").contains("kafka.Kafka")) {
                out.append("pid.kafka=").append(child.pid()).append('\n');
            }
        }
        postmasterPid(stack.dataDir()).ifPresent(pid -> out.append("pid.postgres=").append(pid).append('\n'));
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, out.toString());
        Files.move(tmp, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The parts log into their own files; here only the stack's progress lines and real problems. */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        Logger.getLogger("").setLevel(Level.WARNING);
        for (String name : List.of("org.apache.kafka", "io.zonky", "de.bwaldvogel", "com.icegreen")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.SEVERE);
            QUIET.add(logger);
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: BenchStackMain --data-dir DIR --ready-file FILE [--root DIR] [--env SERVICE:NAME=VALUE]... "
                + "[--service-java-options OPTIONS]");
        System.exit(2);
    }

    /** The first line of {@code postmaster.pid} under the data directory. */
    private static Optional<Long> postmasterPid(Path dataDir) throws IOException {
        try (var files = Files.walk(dataDir, 4)) {
            Optional<Path> pidFile = files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).findFirst();
            if (pidFile.isEmpty()) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile.get()).get(0).trim();
            return Optional.of(Long.parseLong(first));
        }
    }
}
