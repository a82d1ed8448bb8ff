package io.parley.stack;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.parley.stack.LocalStack.Part;

/**
 * The one-command run: starts the whole stack (settings from {@code PARLEY_*} environment variables), prints where
 * everything is, and stops everything on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

    /** Held so the levels stay set (JUL keeps loggers only weakly). */
    private static final List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(run(args));
    }

    /** The parts log into their own files; on the console only the stack's lines and real problems. */
    private static void quietLibraryLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (String name : List.of("org.apache.kafka", "io.zonky", "de.bwaldvogel", "com.icegreen")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            // Kafka's client warns about refused connections while the broker starts; those are expected.
            logger.setLevel(java.util.logging.Level.SEVERE);
            QUIET.add(logger);
        }
    }

    static int run(String[] args) {
        boolean keycloak = Settings.getBoolean("keycloak").orElse(true);
        Set<Part> parts = null;
        for (String arg : args) {
            if (arg.equals("--no-keycloak")) {
                keycloak = false;
            } else if (arg.equals("--keycloak")) {
                keycloak = true;
            } else if (arg.startsWith("--parts=")) {
                parts = EnumSet.noneOf(Part.class);
                for (String name : arg.substring("--parts=".length()).split(",")) {
                    try {
                        parts.add(Part.parse(name));
                    } catch (StackException e) {
                        System.err.println(e.getMessage());
                        return 2;
                    }
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                printHelp();
                return 0;
            } else {
                System.err.println("Unknown option " + arg + " (see --help)");
                return 2;
            }
        }

        LocalStack stack;
        try {
            LocalStack.Builder builder = LocalStack.fromEnvironment().progress(System.out::println);
            if (parts != null) {
                builder.parts(parts);
            } else {
                builder.everything(keycloak);
            }
            stack = builder.build();
        } catch (StackException e) {
            System.err.println(e.getMessage());
            return 1;
        }

        try {
            stack.checkPorts();
        } catch (StackException e) {
            System.err.println(e.getMessage());
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stack.isStopping()) {
                System.out.println("Stopping the Parley stack ...");
                stack.stop();
                System.out.println("Stopped.");
            }
            stopped.countDown();
        }, "parley-stack-shutdown"));

        long t0 = System.nanoTime();
        System.out.println("Starting the Parley stack (data in " + stack.dataDir() + ") ...");
        try {
            stack.start();
        } catch (PortInUseException e) {
            // Taken between the check and the start.
            System.err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            if (!stack.isStopping()) {
                System.err.println("The Parley stack did not start: " + e.getMessage());
                stack.stop();
            }
            return 1;
        }
        System.out.printf("%nParley is up in %.1f s.%n%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(summary(stack));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String summary(LocalStack stack) {
        StringBuilder out = new StringBuilder();
        if (stack.services().containsKey("gateway") && stack.parts().contains(Part.SERVICES)) {
            line(out, "Gateway", stack.gatewayUrl() + "   (e.g. curl '" + stack.gatewayUrl()
                    + "/count?uri=/hello')");
            for (String name : stack.services().keySet()) {
                if (!name.equals("gateway")) {
                    line(out, name, String.join(", ", stack.serviceUrls(name)));
                }
            }
        }
        if (stack.hasKeycloak()) {
            line(out, "Keycloak", stack.keycloakUrl() + "   realm: " + stack.keycloak().realmUrl());
            line(out, "  admin console", stack.keycloakUrl() + "/admin   login " + KeycloakServer.ADMIN_USER + " / "
                    + KeycloakServer.ADMIN_PASSWORD);
            line(out, "  demo logins", "admin / admin (role admin), demo / demo");
        }
        if (stack.parts().contains(Part.SMTP)) {
            line(out, "Mail catcher", stack.mailApiUrl() + "/api/messages   (SMTP on 127.0.0.1:"
                    + stack.smtpPort() + ")");
        }
        if (stack.parts().contains(Part.KAFKA)) {
            line(out, "Kafka", stack.kafkaBootstrap());
        }
        if (stack.parts().contains(Part.POSTGRES)) {
            line(out, "PostgreSQL", stack.postgresJdbcUrl("<db>") + "   user " + stack.postgresUsername());
        }
        if (stack.parts().contains(Part.MONGO)) {
            line(out, "MongoDB", stack.mongoUrl());
        }
        line(out, "Data", stack.dataDir().toString());
        line(out, "Logs", stack.logDir().toString());
        out.append(System.lineSeparator()).append("Press Ctrl-C to stop everything.");
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-16s %s%n", label, value));
    }

    private static void printHelp() {
        List<String> lines = Arrays.asList(
                "Usage: ./run [--no-keycloak] [--parts=postgres,kafka,mongo,smtp,keycloak,services]",
                "",
                "Starts the Parley stack on 127.0.0.1 and stops it on Ctrl-C. Settings (environment variables,",
                "or -Dparley-stack.<key> system properties):",
                "  PARLEY_DATA_DIR                  data and logs (default <repo>/.parley)",
                "  PARLEY_<PART>_PORT               GATEWAY 8080, COMMENTS_SERVICE 8081, FEED_SERVICE 8082,",
                "                                   KAFKA 9092, KAFKA_CONTROLLER 9093, POSTGRES 15432, MONGO 27027,",
                "                                   SMTP 3025, MAIL_API 8025, KEYCLOAK 8180",
                "  PARLEY_<SERVICE>_REPLICAS        instances of a service on consecutive ports",
                "  PARLEY_POSTGRES_URL (+ _USERNAME, _PASSWORD)   use that PostgreSQL instead of the embedded one",
                "  PARLEY_MONGODB_URL               use that MongoDB instead of the wire server",
                "  PARLEY_KEYCLOAK=false            without Keycloak (same as --no-keycloak)",
                "  PARLEY_KEYCLOAK_CACHE            unpacked Keycloak (default ~/.cache/parley/keycloak-26.7.3)",
                "  PARLEY_GATEWAY_TRUSTED_PROXIES, PARLEY_GATEWAY_CORS_ORIGINS   passed to the gateway");
        lines.forEach(System.out::println);
    }
}
