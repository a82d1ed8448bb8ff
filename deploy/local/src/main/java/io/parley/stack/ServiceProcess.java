package io.parley.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One running instance of a service module: a child JVM on {@code java -jar quarkus-run.jar}, output appended to
 * {@code <dataDir>/logs/<instance>.log}, ready when {@code GET /q/health/ready} answers 200.
 */
public final class ServiceProcess extends ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final String instanceName;
    private final Path jar;
    private final int port;
    private final Path logFile;
    private final Map<String, String> environment;
    private final Duration startTimeout;

    ServiceProcess(ServiceSpec spec, String instanceName, Path jar, int port, Path logFile,
            Map<String, String> environment, Duration startTimeout) {
        // Quarkus shuts down gracefully on SIGTERM.
        super(Duration.ofSeconds(15));
        this.spec = spec;
        this.instanceName = instanceName;
        this.jar = jar;
        this.port = port;
        this.logFile = logFile;
        this.environment = Map.copyOf(environment);
        this.startTimeout = startTimeout;
    }

    @Override
    public String name() {
        return instanceName;
    }

    public ServiceSpec spec() {
        return spec;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The environment the instance is started with (on top of the stack's own). */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new StackException(instanceName + " is not built: " + jar + " is missing. Build with: "
                    + "./mvnw -B -q install -DskipTests");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting " + instanceName + " on port "
                    + port + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(List.of(Processes.javaExecutable(),
                    "-Xmx" + spec.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                    "-jar", jar.toString()))
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot start " + instanceName + ": " + e.getMessage() + "; see " + logFile, e);
        }
    }

    /** Waits for readiness; not under the lock, so {@link #stop()} can end a start that hangs. */
    @Override
    void awaitReady() {
        Process process = this.process;
        if (process == null) {
            throw new StackException(instanceName + " was stopped during start");
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(instanceName + " exited during start (code " + process.exitValue()
                        + "); see " + logFile + System.lineSeparator() + Processes.tail(logFile, 15));
            }
            try {
                HttpResponse<String> response = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "status " + response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                lastAnswer = "no answer";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for " + instanceName, e);
            }
            Processes.sleep(150);
        }
        throw new StackException(instanceName + " was not ready on port " + port + " within "
                + startTimeout.toSeconds() + " s (last /q/health/ready: " + lastAnswer + "); see " + logFile);
    }

}
