package io.parley.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The Parley local stack: Kafka, PostgreSQL, MongoDB, an SMTP catcher, Keycloak and the services, all on loopback
 * with their data under one directory. Used by the one-command run ({@link LocalStackMain}) and by tests.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().parts(Part.POSTGRES, Part.KAFKA).freePorts().build().start()) {
 *     stack.kafkaBootstrap(); stack.postgresJdbcUrl("comments");
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    /** Parts of the stack; {@link #SERVICES} needs the infrastructure parts the services use. */
    public enum Part {
        POSTGRES, KAFKA, MONGO, SMTP, KEYCLOAK, SERVICES;

        public static Part parse(String name) {
            String n = name.trim().toUpperCase(java.util.Locale.ROOT);
            return switch (n) {
                case "PG", "POSTGRESQL" -> POSTGRES;
                case "MONGODB" -> MONGO;
                case "MAIL" -> SMTP;
                default -> {
                    try {
                        yield valueOf(n);
                    } catch (IllegalArgumentException e) {
                        throw new StackException("Unknown stack part '" + name + "'; known: postgres, kafka, mongo, "
                                + "smtp, keycloak, services");
                    }
                }
            };
        }
    }

    // Port keys; each is configurable as PARLEY_<KEY>_PORT or -Dparley-stack.<key>.port.
    public static final String POSTGRES_PORT = "postgres.port";
    public static final String KAFKA_PORT = "kafka.port";
    public static final String KAFKA_CONTROLLER_PORT = "kafka-controller.port";
    public static final String MONGO_PORT = "mongo.port";
    public static final String SMTP_PORT = "smtp.port";
    public static final String MAIL_API_PORT = "mail-api.port";
    public static final String KEYCLOAK_PORT = "keycloak.port";

    private final Builder config;
    private final Path root;
    private final Path dataDir;
    private final Set<Part> parts;
    private final Map<String, Integer> ports;
    private final List<Component> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MongoServer mongo;
    private MailCatcher mail;
    private KeycloakServer keycloak;
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    private Thread shutdownHook;

    private LocalStack(Builder config, Path root, Path dataDir, Set<Part> parts, Map<String, Integer> ports) {
        this.config = config;
        this.root = root;
        this.dataDir = dataDir;
        this.parts = parts;
        this.ports = ports;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with every setting read from system properties and environment ({@link Settings}). */
    public static Builder fromEnvironment() {
        return new Builder().fromEnvironment();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts the parts in order (PostgreSQL, Kafka, MongoDB, SMTP, Keycloak, services, gateway last).
     *
     * @throws PortInUseException before anything is started, when a port is taken
     * @throws StackException     when a part does not come up; whatever was started is stopped again
     */
    public synchronized LocalStack start() {
        checkPorts();
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        try {
            startParts(parts);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    /**
     * Starts more parts on an already started stack (for test resources that ask for more than an earlier one).
     */
    public synchronized void startMore(Set<Part> more) {
        Set<Part> missing = EnumSet.noneOf(Part.class);
        for (Part part : more) {
            if (!parts.contains(part)) {
                missing.add(part);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Set<Part> expanded = expand(missing, config.services);
        expanded.removeAll(parts);
        for (Part part : expanded) {
            assignPorts(config, part, ports);
        }
        checkPortsFree(expanded);
        parts.addAll(expanded);
        startParts(expanded);
        if (expanded.contains(Part.KEYCLOAK)) {
            restartOidcServices();
        }
    }

    /** Services that use Keycloak and started before it learn its URL only from a restart with a new environment. */
    private void restartOidcServices() {
        List<ServiceProcess> restarted = new ArrayList<>();
        for (Map.Entry<String, List<ServiceProcess>> entry : services.entrySet()) {
            List<ServiceProcess> instances = new ArrayList<>(entry.getValue());
            for (int i = 0; i < instances.size(); i++) {
                ServiceProcess old = instances.get(i);
                if (!old.spec().oidc()) {
                    continue;
                }
                stopQuietly(old);
                started.remove(old);
                ServiceProcess fresh = new ServiceProcess(old.spec(), old.name(), jarOf(old.spec()), old.port(),
                        old.logFile(), serviceEnvironment(old.spec(), old.port()), config.startTimeout);
                instances.set(i, fresh);
                restarted.add(fresh);
            }
            entry.setValue(instances);
        }
        startTogether(restarted);
    }

    private void startParts(Set<Part> which) {
        if (which.contains(Part.KEYCLOAK)) {
            keycloak = new KeycloakServer(config.keycloakZip(), config.keycloakCacheDir(), config.resolvedRealmFile(root),
                    dataDir, ports.get(KEYCLOAK_PORT), parts.contains(Part.SMTP) ? ports.get(SMTP_PORT) : null,
                    config.keycloakTimeout);
            register(keycloak);
            timed("keycloak (launch)", keycloak::launch);
            abortIfStopping(keycloak);
        }
        // Kafka takes the longest (a JVM, twice on the first run): it starts beside the others.
        CompletableFuture<Void> kafkaStarted = CompletableFuture.completedFuture(null);
        if (which.contains(Part.KAFKA)) {
            kafka = new KafkaBroker(root, dataDir, ports.get(KAFKA_PORT), ports.get(KAFKA_CONTROLLER_PORT),
                    config.kafkaHeap, config.startTimeout);
            register(kafka);
            kafkaStarted = CompletableFuture.runAsync(() -> {
                timed("kafka", kafka::start);
                abortIfStopping(kafka);
            });
        }
        if (which.contains(Part.POSTGRES)) {
            Set<String> databases = new LinkedHashSet<>(config.databases);
            if (which.contains(Part.SERVICES)) {
                config.services.stream().map(ServiceSpec::postgresDatabase).filter(d -> d != null)
                        .forEach(databases::add);
            }
            postgres = new PostgresServer(dataDir, ports.getOrDefault(POSTGRES_PORT, 0), config.postgresUrl,
                    config.postgresUsername, config.postgresPassword, databases);
            register(postgres);
            timed("postgres", postgres::start);
            abortIfStopping(postgres);
        }
        if (which.contains(Part.MONGO)) {
            mongo = new MongoServer(dataDir, ports.getOrDefault(MONGO_PORT, 0), config.mongoUrl);
            register(mongo);
            timed("mongo", mongo::start);
            abortIfStopping(mongo);
        }
        if (which.contains(Part.SMTP)) {
            mail = new MailCatcher(ports.get(SMTP_PORT), ports.get(MAIL_API_PORT));
            register(mail);
            timed("smtp", mail::start);
            abortIfStopping(mail);
        }
        join(kafkaStarted);
        if (which.contains(Part.SERVICES)) {
            startServices();
        }
        if (keycloak != null && which.contains(Part.KEYCLOAK)) {
            timed("keycloak (ready)", keycloak::awaitReady);
        }
    }

    private void startServices() {
        List<ServiceProcess> backends = new ArrayList<>();
        List<ServiceProcess> gateways = new ArrayList<>();
        for (ServiceSpec spec : config.services) {
            List<ServiceProcess> instances = new ArrayList<>();
            int base = ports.get(spec.portKey());
            for (int i = 0; i < spec.replicas(); i++) {
                String instance = i == 0 ? spec.name() : spec.name() + "-" + (i + 1);
                ServiceProcess process = new ServiceProcess(spec, instance, jarOf(spec), base + i,
                        dataDir.resolve("logs").resolve(instance + ".log"), serviceEnvironment(spec, base + i),
                        config.startTimeout);
                instances.add(process);
                (spec.gateway() ? gateways : backends).add(process);
            }
            services.put(spec.name(), instances);
        }
        if (backends.stream().anyMatch(p -> p.spec().oidc()) && keycloak != null) {
            timed("keycloak (ready)", keycloak::awaitReady);
        }
        // Back-end services start side by side; the gateway only once they all are ready.
        startTogether(backends);
        startTogether(gateways);
    }

    private void startTogether(List<ServiceProcess> processes) {
        long t0 = System.nanoTime();
        for (ServiceProcess process : processes) {
            register(process);
            process.launch();
            abortIfStopping(process);
        }
        List<CompletableFuture<Void>> ready = processes.stream()
                .map(p -> CompletableFuture.runAsync(() -> {
                    p.awaitReady();
                    config.progress.accept(String.format("  %-18s ready in %5.1f s (port %d)", p.name(),
                            (System.nanoTime() - t0) / 1e9, p.port()));
                }))
                .toList();
        join(CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)));
    }

    /** Waits for a start running in the background, rethrowing its own exception. */
    private static void join(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Path jarOf(ServiceSpec spec) {
        return root.resolve(spec.name()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private Map<String, String> serviceEnvironment(ServiceSpec spec, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        // Session tokens are verified with auth-service's public keys (its first instance; all share the keys).
        config.services.stream().filter(s -> s.name().equals(ServiceSpec.AUTH_SERVICE)).findFirst()
                .ifPresent(auth -> env.put("PARLEY_SESSION_JWKS_URL",
                        "http://127.0.0.1:" + ports.get(auth.portKey()) + "/auth/jwks"));
        if (spec.postgresDatabase() != null) {
            env.put("DB_REACTIVE_URL", postgres.reactiveUrl(spec.postgresDatabase()));
            env.put("DB_JDBC_URL", postgres.jdbcUrl(spec.postgresDatabase()));
            env.put("DB_USERNAME", postgres.username());
            env.put("DB_PASSWORD", postgres.password());
        }
        if (spec.mongoDatabase() != null) {
            env.put("MONGODB_URL", mongo.url());
            env.put("MONGODB_DATABASE", spec.mongoDatabase());
        }
        if (spec.mail() && mail != null) {
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", String.valueOf(mail.smtpPort()));
            env.put("QUARKUS_MAILER_MOCK", "false");
            // Links in mails point at the public entry, the gateway (started last, so known by its port only).
            config.services.stream().filter(ServiceSpec::gateway).findFirst().ifPresent(gateway ->
                    env.put("PARLEY_NOTIFY_PUBLIC_URL", "http://127.0.0.1:" + ports.get(gateway.portKey())));
        }
        if (spec.oidc() && keycloak != null) {
            env.put("PARLEY_OIDC_URL", keycloak.realmUrl());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
        }
        if (spec.gateway()) {
            for (ServiceSpec other : config.services) {
                if (!other.gateway()) {
                    env.put(other.gatewayUrlsVariable(), serviceUrls(other.name()).stream()
                            .collect(Collectors.joining(",")));
                }
            }
            // Unset unless configured: the gateway then trusts no proxy and takes the peer address.
            Settings.get("gateway.trusted-proxies").ifPresent(v -> env.put("PARLEY_GATEWAY_TRUSTED_PROXIES", v));
            env.put("PARLEY_GATEWAY_CORS_ORIGINS", Settings.get("gateway.cors-origins")
                    .orElse(String.join(",", "http://localhost:" + port, "http://127.0.0.1:" + port,
                            "http://localhost:1313", "http://localhost:3000", "http://localhost:4000",
                            "http://localhost:5173", "http://localhost:8000")));
        }
        env.putAll(config.serviceEnvironment.getOrDefault(spec.name(), Map.of()));
        return env;
    }

    /**
     * Stops everything that was started, in reverse order; also ends a start still in progress (from a shutdown
     * hook). Safe to call more than once. A stopped stack cannot be started again; its parts can.
     */
    public void stop() {
        synchronized (started) {
            stopping = true;
            List<Component> reverse = new ArrayList<>(started);
            Collections.reverse(reverse);
            // The services first and side by side (each may take its grace period), then the rest in reverse order.
            List<CompletableFuture<Void>> services = reverse.stream()
                    .filter(ServiceProcess.class::isInstance)
                    .map(component -> CompletableFuture.runAsync(() -> stopQuietly(component)))
                    .toList();
            services.forEach(CompletableFuture::join);
            reverse.stream().filter(c -> !(c instanceof ServiceProcess)).forEach(LocalStack.this::stopQuietly);
            started.clear();
        }
    }

    private void stopQuietly(Component component) {
        long t0 = System.nanoTime();
        try {
            component.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping " + component.name() + " failed: " + e.getMessage());
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (millis > 3000) {
            config.progress.accept(String.format("  %-18s took %.1f s to stop", component.name(), millis / 1e3));
        }
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopping() {
        return stopping;
    }

    private void register(Component component) {
        synchronized (started) {
            if (stopping) {
                throw new StackException("The stack was stopped during start");
            }
            started.add(component);
        }
    }

    /** A part that came up while {@link #stop()} ran is stopped again right away. */
    private void abortIfStopping(Component component) {
        if (stopping) {
            component.stop();
            throw new StackException("The stack was stopped during start");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the stack when the JVM exits (Ctrl-C, SIGTERM, end of tests). */
    public synchronized LocalStack stopOnExit() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "parley-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    private void timed(String what, Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        config.progress.accept(String.format("  %-18s ready in %5.1f s", what, (System.nanoTime() - t0) / 1e9));
    }

    // ---------------------------------------------------------------- ports

    /**
     * Checks that every port of the configured parts is free (and no two parts share one).
     *
     * @throws PortInUseException naming the port, its part and the variable that moves it
     */
    public void checkPorts() {
        checkPortsFree(parts);
    }

    private void checkPortsFree(Set<Part> which) {
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<String, Integer> entry : ports.entrySet()) {
            String key = entry.getKey();
            if (!which.contains(partOf(key))) {
                continue;
            }
            ServiceSpec spec = specOfPortKey(key);
            int count = spec == null ? 1 : spec.replicas();
            for (int i = 0; i < count; i++) {
                int port = entry.getValue() + i;
                String previous = seen.put(port, key);
                if (previous != null) {
                    throw new StackException("Port " + port + " is configured for both " + describe(previous)
                            + " and " + describe(key) + ". Set " + Settings.envName(key) + " to use another.");
                }
                if (!Ports.isFree(port)) {
                    throw new PortInUseException(port, describe(key), Settings.envName(key));
                }
            }
        }
    }

    private Part partOf(String portKey) {
        return switch (portKey) {
            case POSTGRES_PORT -> Part.POSTGRES;
            case KAFKA_PORT, KAFKA_CONTROLLER_PORT -> Part.KAFKA;
            case MONGO_PORT -> Part.MONGO;
            case SMTP_PORT, MAIL_API_PORT -> Part.SMTP;
            case KEYCLOAK_PORT -> Part.KEYCLOAK;
            default -> Part.SERVICES;
        };
    }

    private ServiceSpec specOfPortKey(String key) {
        return config.services.stream().filter(s -> s.portKey().equals(key)).findFirst().orElse(null);
    }

    private static String describe(String portKey) {
        return switch (portKey) {
            case POSTGRES_PORT -> "PostgreSQL";
            case KAFKA_PORT -> "Kafka";
            case KAFKA_CONTROLLER_PORT -> "Kafka's controller";
            case MONGO_PORT -> "MongoDB";
            case SMTP_PORT -> "the SMTP catcher";
            case MAIL_API_PORT -> "the mail catcher's HTTP API";
            case KEYCLOAK_PORT -> "Keycloak";
            case "gateway.port" -> "the gateway";
            default -> portKey.substring(0, portKey.length() - ".port".length());
        };
    }

    private static void assignPorts(Builder config, Part part, Map<String, Integer> ports) {
        switch (part) {
            case POSTGRES -> {
                if (config.postgresUrl == null) {
                    port(config, ports, POSTGRES_PORT, 15432, 1);
                }
            }
            case KAFKA -> {
                port(config, ports, KAFKA_PORT, 9092, 1);
                port(config, ports, KAFKA_CONTROLLER_PORT, 9093, 1);
            }
            case MONGO -> {
                if (config.mongoUrl == null) {
                    port(config, ports, MONGO_PORT, 27027, 1);
                }
            }
            case SMTP -> {
                port(config, ports, SMTP_PORT, 3025, 1);
                port(config, ports, MAIL_API_PORT, 8025, 1);
            }
            case KEYCLOAK -> port(config, ports, KEYCLOAK_PORT, 8180, 1);
            case SERVICES -> config.services.forEach(s -> port(config, ports, s.portKey(), s.defaultPort(),
                    s.replicas()));
        }
    }

    private static void port(Builder config, Map<String, Integer> ports, String key, int defaultPort, int count) {
        Integer port = config.ports.get(key);
        if (port == null) {
            port = config.freePorts ? Ports.freePortBlock(count) : defaultPort;
        }
        ports.put(key, port);
    }

    private static Set<Part> expand(Set<Part> requested, List<ServiceSpec> services) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        parts.addAll(requested);
        if (parts.contains(Part.SERVICES)) {
            parts.add(Part.KAFKA);
            for (ServiceSpec spec : services) {
                if (spec.postgresDatabase() != null) {
                    parts.add(Part.POSTGRES);
                }
                if (spec.mongoDatabase() != null) {
                    parts.add(Part.MONGO);
                }
                if (spec.mail()) {
                    parts.add(Part.SMTP);
                }
            }
        }
        return parts;
    }

    // ---------------------------------------------------------------- accessors

    public Path rootDir() {
        return root;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Set<Part> parts() {
        return Collections.unmodifiableSet(parts);
    }

    /** The port of a key such as {@link #KAFKA_PORT} or {@code gateway.port}. */
    public Optional<Integer> port(String key) {
        return Optional.ofNullable(ports.get(key));
    }

    public Map<String, Integer> ports() {
        return Collections.unmodifiableMap(ports);
    }

    public PostgresServer postgres() {
        return require(postgres, Part.POSTGRES);
    }

    public String postgresJdbcUrl(String database) {
        return postgres().jdbcUrl(database);
    }

    public String postgresReactiveUrl(String database) {
        return postgres().reactiveUrl(database);
    }

    public String postgresUsername() {
        return postgres().username();
    }

    public String postgresPassword() {
        return postgres().password();
    }

    /** The broker handle, e.g. {@code stack.kafka().stop(); stack.kafka().start();}. */
    public KafkaBroker kafka() {
        return require(kafka, Part.KAFKA);
    }

    public String kafkaBootstrap() {
        return kafka().bootstrapServers();
    }

    public MongoServer mongo() {
        return require(mongo, Part.MONGO);
    }

    public String mongoUrl() {
        return mongo().url();
    }

    public MailCatcher mail() {
        return require(mail, Part.SMTP);
    }

    public int smtpPort() {
        return mail().smtpPort();
    }

    /** Base URL of the mail catcher's HTTP API; messages at {@code /api/messages}. */
    public String mailApiUrl() {
        return mail().apiUrl();
    }

    public KeycloakServer keycloak() {
        return require(keycloak, Part.KEYCLOAK);
    }

    public boolean hasKeycloak() {
        return keycloak != null;
    }

    public String keycloakUrl() {
        return keycloak().url();
    }

    public String gatewayUrl() {
        return serviceUrl("gateway");
    }

    /** Base URL of the first instance of a service, e.g. {@code http://127.0.0.1:8081}. */
    public String serviceUrl(String name) {
        return service(name).url();
    }

    /** Base URLs of all instances of a service. */
    public List<String> serviceUrls(String name) {
        return instances(name).stream().map(ServiceProcess::url).toList();
    }

    /** The first instance of a service, with {@code kill()}, {@code stop()} and {@code start()}. */
    public ServiceProcess service(String name) {
        return instances(name).get(0);
    }

    /** Instance {@code index} (0-based) of a replicated service. */
    public ServiceProcess service(String name, int index) {
        return instances(name).get(index);
    }

    public List<ServiceProcess> instances(String name) {
        List<ServiceProcess> instances = services.get(name);
        if (instances == null) {
            throw new IllegalStateException("Service " + name + " is not part of this stack (services: "
                    + services.keySet() + ")");
        }
        return Collections.unmodifiableList(instances);
    }

    public Map<String, List<ServiceProcess>> services() {
        return Collections.unmodifiableMap(services);
    }

    private <T> T require(T component, Part part) {
        if (component == null) {
            throw new IllegalStateException(part + " is not part of this stack (parts: " + parts + ")");
        }
        return component;
    }

    // ---------------------------------------------------------------- configuration

    /** Configuration of a {@link LocalStack}. Unset ports use the defaults, or free ports with {@link #freePorts()}. */
    public static final class Builder {
        private Path root;
        private Path dataDir;
        private final Set<Part> parts = EnumSet.noneOf(Part.class);
        private final Map<String, Integer> ports = new HashMap<>();
        private boolean freePorts;
        private final List<ServiceSpec> services = new ArrayList<>(ServiceSpec.defaults());
        private final Set<String> databases = new LinkedHashSet<>();
        private final Map<String, Map<String, String>> serviceEnvironment = new HashMap<>();
        private String postgresUrl;
        private String postgresUsername = "postgres";
        private String postgresPassword = "postgres";
        private String mongoUrl;
        private Path keycloakZip;
        private Path keycloakCache;
        private Path realmFile;
        private String kafkaHeap = "384m";
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration keycloakTimeout = Duration.ofSeconds(180);
        private java.util.function.Consumer<String> progress = message -> { };

        private Builder() {
        }

        /** The repository root (with {@code mvnw} and {@code deploy/}); found automatically when unset. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** Where all data and logs go; default {@code <root>/.parley}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder parts(Part... parts) {
            this.parts.addAll(List.of(parts));
            return this;
        }

        public Builder parts(Set<Part> parts) {
            this.parts.addAll(parts);
            return this;
        }

        /** All parts: infrastructure, Keycloak when {@code withKeycloak}, and the services. */
        public Builder everything(boolean withKeycloak) {
            parts(Part.POSTGRES, Part.KAFKA, Part.MONGO, Part.SMTP, Part.SERVICES);
            return keycloak(withKeycloak);
        }

        public Builder keycloak(boolean enabled) {
            if (enabled) {
                parts.add(Part.KEYCLOAK);
            } else {
                parts.remove(Part.KEYCLOAK);
            }
            return this;
        }

        /** Sets the port of a key such as {@link LocalStack#KAFKA_PORT} or {@code gateway.port}. */
        public Builder port(String key, int port) {
            ports.put(key, port);
            return this;
        }

        /** Every port not set explicitly is a free one (for tests beside a running stack). */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        /** Replaces the services to run. */
        public Builder services(List<ServiceSpec> services) {
            this.services.clear();
            this.services.addAll(services);
            return this;
        }

        /** Runs {@code count} instances of a service on consecutive ports. */
        public Builder replicas(String service, int count) {
            services.replaceAll(s -> s.name().equals(service) ? s.withReplicas(count) : s);
            return this;
        }

        /** Extra environment for a service's instances (overrides the stack's). */
        public Builder serviceEnvironment(String service, Map<String, String> environment) {
            serviceEnvironment.computeIfAbsent(service, k -> new HashMap<>()).putAll(environment);
            return this;
        }

        /** PostgreSQL databases to create when missing. */
        public Builder databases(String... names) {
            databases.addAll(List.of(names));
            return this;
        }

        /** Uses an existing PostgreSQL instead of starting one; URL as JDBC or {@code postgresql://host:port/db}. */
        public Builder externalPostgres(String url, String username, String password) {
            this.postgresUrl = url.startsWith("jdbc:") ? url : "jdbc:" + url;
            this.postgresUsername = username;
            this.postgresPassword = password;
            return this;
        }

        /** Uses an existing MongoDB instead of the wire server. */
        public Builder externalMongo(String url) {
            this.mongoUrl = url;
            return this;
        }

        public Builder keycloakZip(Path zip) {
            this.keycloakZip = zip;
            return this;
        }

        public Builder keycloakCache(Path dir) {
            this.keycloakCache = dir;
            return this;
        }

        public Builder realmFile(Path file) {
            this.realmFile = file;
            return this;
        }

        public Builder kafkaHeap(String heap) {
            this.kafkaHeap = heap;
            return this;
        }

        /** How long each part may take to become ready (Keycloak excepted). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder keycloakTimeout(Duration timeout) {
            this.keycloakTimeout = timeout;
            return this;
        }

        /** Receives one line per part that became ready, with its start time. */
        public Builder progress(java.util.function.Consumer<String> listener) {
            this.progress = listener;
            return this;
        }

        /**
         * Reads {@code PARLEY_DATA_DIR}, every {@code PARLEY_<PART>_PORT}, {@code PARLEY_POSTGRES_URL} (+
         * {@code _USERNAME}, {@code _PASSWORD}), {@code PARLEY_MONGODB_URL}, {@code PARLEY_KEYCLOAK_CACHE},
         * {@code PARLEY_KEYCLOAK_ZIP}, {@code PARLEY_<SERVICE>_REPLICAS}, {@code PARLEY_KAFKA_HEAP}, and
         * {@code PARLEY_START_TIMEOUT} (seconds), each also as {@code -Dparley-stack.<key>}.
         */
        public Builder fromEnvironment() {
            Settings.get("data-dir").map(Path::of).ifPresent(this::dataDir);
            for (String key : List.of(POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, MONGO_PORT, SMTP_PORT,
                    MAIL_API_PORT, KEYCLOAK_PORT)) {
                Settings.getInt(key).ifPresent(port -> port(key, port));
            }
            for (ServiceSpec spec : List.copyOf(services)) {
                Settings.getInt(spec.portKey()).ifPresent(port -> port(spec.portKey(), port));
                Settings.getInt(spec.name() + ".replicas").ifPresent(count -> replicas(spec.name(), count));
            }
            Settings.get("postgres.url").ifPresent(url -> externalPostgres(url,
                    Settings.get("postgres.username").orElse("postgres"),
                    Settings.get("postgres.password").orElse("postgres")));
            Settings.get("mongodb.url").ifPresent(this::externalMongo);
            Settings.get("keycloak.cache").map(Path::of).ifPresent(this::keycloakCache);
            Settings.get("keycloak.zip").map(Path::of).ifPresent(this::keycloakZip);
            Settings.get("kafka.heap").ifPresent(this::kafkaHeap);
            Settings.getInt("start-timeout").ifPresent(s -> startTimeout(Duration.ofSeconds(s)));
            return this;
        }

        /** Resolves the configuration; nothing is started yet. */
        public LocalStack build() {
            Path resolvedRoot = root != null ? root : findRoot();
            Path resolvedData = dataDir != null ? dataDir : resolvedRoot.resolve(".parley");
            Set<Part> resolvedParts = expand(parts.isEmpty()
                    ? EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.MONGO, Part.SMTP, Part.SERVICES) : parts, services);
            Map<String, Integer> resolvedPorts = new LinkedHashMap<>();
            for (Part part : resolvedParts) {
                assignPorts(this, part, resolvedPorts);
            }
            return new LocalStack(this, resolvedRoot, resolvedData.toAbsolutePath().normalize(),
                    EnumSet.copyOf(resolvedParts), resolvedPorts);
        }

        Path keycloakCacheDir() {
            return keycloakCache != null ? keycloakCache
                    : Path.of(System.getProperty("user.home"), ".cache", "parley", "keycloak-" + KeycloakServer.VERSION);
        }

        Path keycloakZip() {
            if (keycloakZip != null) {
                return keycloakZip;
            }
            String relative = "org/keycloak/keycloak-quarkus-dist/" + KeycloakServer.VERSION
                    + "/keycloak-quarkus-dist-" + KeycloakServer.VERSION + ".zip";
            List<Path> candidates = new ArrayList<>();
            Optional.ofNullable(System.getProperty("maven.repo.local")).map(Path::of).ifPresent(candidates::add);
            buildProperty("maven.local.repository").map(Path::of).ifPresent(candidates::add);
            candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository"));
            return candidates.stream().map(r -> r.resolve(relative)).filter(Files::isRegularFile).findFirst()
                    .orElse(candidates.get(candidates.size() - 1).resolve(relative));
        }

        Path resolvedRealmFile(Path root) {
            return realmFile != null ? realmFile : root.resolve("deploy").resolve("keycloak")
                    .resolve("parley-realm.json");
        }
    }

    /** Values filtered into the jar at build time (e.g. the Maven local repository). */
    static Optional<String> buildProperty(String key) {
        try (InputStream in = LocalStack.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key);
            return value == null || value.isBlank() || value.startsWith("${") ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The repository root: system property {@code parley-stack.root} (set by the build for tests), else the nearest
     * directory upwards from the working directory that holds {@code mvnw} and {@code deploy/}.
     */
    public static Path findRoot() {
        String configured = System.getProperty("parley-stack.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new StackException("Cannot find the Parley repository (a directory with mvnw and deploy/) from " + dir
                + "; run from inside it or set -Dparley-stack.root=<dir>.");
    }
}
