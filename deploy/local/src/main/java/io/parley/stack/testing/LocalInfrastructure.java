package io.parley.stack.testing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.parley.stack.LocalStack;
import io.parley.stack.LocalStack.Part;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that starts real infrastructure parts on free loopback ports, once per test JVM:
 *
 * <pre>{@code
 * @QuarkusTestResource(value = LocalInfrastructure.class, restrictToAnnotatedClass = false,
 *     initArgs = { @ResourceArg(name = "components", value = "postgres,kafka"),
 *                  @ResourceArg(name = "database", value = "comments") })
 * }</pre>
 *
 * Components: {@code postgres}, {@code kafka}, {@code mongo}, {@code smtp}. A later test class asking for more
 * components gets them added to the same stack. Data lives in {@code target/parley-infrastructure-*} (or
 * {@code -Dparley-stack.test-data-dir}); at JVM exit the parts stop and only {@code logs/} is kept.
 * Config returned: postgres → {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password}; kafka → {@code kafka.bootstrap.servers};
 * mongo → {@code quarkus.mongodb.connection-string}; smtp → {@code quarkus.mailer.host}, {@code quarkus.mailer.port},
 * {@code parley-test.mail-api-url}.
 */
public class LocalInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static LocalStack stack;

    private final Set<Part> components = EnumSet.noneOf(Part.class);
    private final Set<String> databases = new LinkedHashSet<>();

    /** The running stack (to stop and start the broker, read mail, ...). */
    public static synchronized LocalStack current() {
        if (stack == null) {
            throw new IllegalStateException("LocalInfrastructure has not been started in this JVM");
        }
        return stack;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.getOrDefault("components", "postgres,kafka,mongo,smtp");
        Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Part::parse)
                .forEach(components::add);
        if (components.contains(Part.SERVICES) || components.contains(Part.KEYCLOAK)) {
            throw new IllegalArgumentException("LocalInfrastructure starts postgres, kafka, mongo and smtp; use "
                    + "LocalStackExtension for services and Keycloak");
        }
        String database = initArgs.get("database");
        if (database != null && !database.isBlank()) {
            Arrays.stream(database.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(databases::add);
        }
    }

    @Override
    public Map<String, String> start() {
        LocalStack running = ensureStarted(components, databases);
        Map<String, String> config = new HashMap<>();
        if (components.contains(Part.POSTGRES)) {
            String database = databases.isEmpty() ? "postgres" : databases.iterator().next();
            config.put("quarkus.datasource.reactive.url", running.postgresReactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", running.postgresJdbcUrl(database));
            config.put("quarkus.datasource.username", running.postgresUsername());
            config.put("quarkus.datasource.password", running.postgresPassword());
        }
        if (components.contains(Part.KAFKA)) {
            config.put("kafka.bootstrap.servers", running.kafkaBootstrap());
        }
        if (components.contains(Part.MONGO)) {
            config.put("quarkus.mongodb.connection-string", running.mongoUrl());
        }
        if (components.contains(Part.SMTP)) {
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", String.valueOf(running.smtpPort()));
            config.put("parley-test.mail-api-url", running.mailApiUrl());
        }
        return config;
    }

    /** Nothing: the parts live until the JVM exits, so later test classes reuse them. */
    @Override
    public void stop() {
    }

    /** Starts (or extends) the JVM-wide infrastructure stack; usable without Quarkus too. */
    public static synchronized LocalStack ensureStarted(Set<Part> parts, Set<String> databases) {
        if (stack == null) {
            Path dataDir = TestDirectories.create("parley-infrastructure-");
            LocalStack created = LocalStack.builder()
                    .dataDir(dataDir)
                    .parts(parts)
                    .databases(databases.toArray(String[]::new))
                    .freePorts()
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.stop();
                TestDirectories.deleteAllButLogs(dataDir);
            }, "parley-test-infrastructure-shutdown"));
            created.start();
            stack = created;
        } else {
            stack.startMore(parts);
            if (parts.contains(Part.POSTGRES)) {
                databases.forEach(stack.postgres()::createDatabase);
            }
        }
        return stack;
    }
}
