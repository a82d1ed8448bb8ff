package io.parley.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Apache Kafka in KRaft combined mode (broker and controller in one node) in a child JVM, run from the jars that
 * {@code deploy/kafka-broker} collects. Its jars would clash with a Quarkus application's, hence not in-process.
 * Data lives in {@code <dataDir>/kafka}; {@link #stop()} and {@link #start()} keep data and ports.
 */
public final class KafkaBroker extends ChildProcess {

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    /** Topics of the platform, created at start when missing. */
    public static final List<NewTopic> TOPICS = List.of(
            new NewTopic("comment-events", 3, (short) 1),
            new NewTopic("vote-events", 3, (short) 1),
            new NewTopic("user-events", 3, (short) 1),
            new NewTopic("post-info", 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));

    private final Path root;
    private final Path dir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final Duration startTimeout;

    public KafkaBroker(Path root, Path dataDir, int port, int controllerPort, String heap, Duration startTimeout) {
        // A single-node broker shuts down cleanly on SIGTERM within a few seconds.
        super(Duration.ofSeconds(20));
        this.root = root;
        this.dir = dataDir.resolve("kafka");
        this.logFile = dataDir.resolve("logs").resolve("kafka.log");
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
        this.startTimeout = startTimeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the broker JVM, formatting its storage on first use. */
    @Override
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(logFile.getParent());
            Path config = writeConfig();
            Path log4j = writeLog4jConfig();
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(config, log4j);
            }
            process = javaProcess(log4j, "kafka.Kafka", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka (log: " + logFile + ")", e);
        }
    }

    private ProcessBuilder javaProcess(Path log4j, String mainClass, String... args) {
        Path lib = brokerLib();
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(),
                "-Xmx" + heap, "-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-Dkafka.logs.dir=" + logFile.getParent(),
                "-cp", lib.resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("KAFKA_OPTS");
        return builder;
    }

    private Path brokerLib() {
        Path lib = root.resolve("deploy").resolve("kafka-broker").resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new StackException("Kafka broker jars not found in " + lib
                    + "; build them with: ./mvnw -B -q -pl deploy/kafka-broker install");
        }
        return lib;
    }

    private void format(Path config, Path log4j) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        Process format = javaProcess(log4j, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                config.toString(), "--ignore-formatted")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StackException("Formatting Kafka's storage timed out; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.destroyForcibly();
            throw new StackException("Interrupted while formatting Kafka's storage", e);
        }
        if (format.exitValue() != 0) {
            throw new StackException("Formatting Kafka's storage failed; see " + logFile + System.lineSeparator()
                    + Processes.tail(logFile, 20));
        }
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // Static quorum: the voter address comes from this file, so the ports may change between runs.
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.retention.hours", "-1");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "Written by the Parley local stack at each start");
        }
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = INFO",
                "logger.broker.name = kafka.server.BrokerServer",
                "logger.broker.level = INFO",
                ""));
        return file;
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    /** Waits until the broker answers, then creates the topics (existing ones are left as they are). */
    @Override
    void awaitReady() {
        Process process = this.process;
        if (process == null) {
            throw new StackException("Kafka is not running; see " + logFile);
        }
        awaitAnswer(process);
        createTopics();
    }

    private void awaitAnswer(Process process) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new StackException("Kafka exited during start (code " + process.exitValue() + "); see "
                            + logFile + System.lineSeparator() + Processes.tail(logFile, 20));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    // The broker answers metadata before it has caught up with the controller; listing topics
                    // succeeds only once it is fully up.
                    admin.listTopics().names().get(2, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackException("Interrupted while waiting for Kafka", e);
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new StackException("Kafka did not become ready within " + startTimeout.toSeconds()
                                + " s; see " + logFile);
                    }
                    Processes.sleep(100);
                }
            }
        }
    }

    private void createTopics() {
        try (Admin admin = admin()) {
            for (NewTopic topic : TOPICS) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StackException("Cannot create Kafka topic " + topic.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackException("Interrupted while creating Kafka topics", e);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new StackException("Creating Kafka topic " + topic.name() + " timed out; see " + logFile,
                            e);
                }
            }
        }
        LOG.log(Level.DEBUG, "Kafka topics ready");
    }
}
