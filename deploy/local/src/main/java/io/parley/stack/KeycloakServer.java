package io.parley.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from its distribution zip (unpacked once into a cache directory shared by all stacks), run in dev mode
 * with the realm import of {@code deploy/keycloak}. Its H2 database lives in {@code <dataDir>/keycloak}, so users
 * and sessions survive restarts; the realm file is imported only while the realm does not exist.
 */
public final class KeycloakServer extends ChildProcess {

    public static final String VERSION = "26.7.3";
    public static final String REALM = "parley";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path distributionZip;
    private final Path cacheDir;
    private final Path realmFile;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final Integer smtpPort;
    private final Duration startTimeout;

    /**
     * @param smtpPort the SMTP catcher's port, written into the realm's mail settings on import; null keeps the
     *                 file's
     */
    public KeycloakServer(Path distributionZip, Path cacheDir, Path realmFile, Path dataDir, int port,
            Integer smtpPort, Duration startTimeout) {
        super(Duration.ofSeconds(15));
        this.distributionZip = distributionZip;
        this.cacheDir = cacheDir;
        this.realmFile = realmFile;
        this.dataDir = dataDir.resolve("keycloak");
        this.logFile = dataDir.resolve("logs").resolve("keycloak.log");
        this.port = port;
        this.smtpPort = smtpPort;
        this.startTimeout = startTimeout;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code <url>/realms/parley}, the OIDC issuer. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        Path home = unpackOnce();
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            Path importDir = home.resolve("data").resolve("import");
            Files.createDirectories(importDir);
            if (!Files.isRegularFile(realmFile)) {
                throw new StackException("Keycloak's realm file is missing: " + realmFile);
            }
            String realm = Files.readString(realmFile);
            if (smtpPort != null) {
                realm = realm.replace("\"port\": \"3025\"", "\"port\": \"" + smtpPort + "\"");
            }
            Files.writeString(importDir.resolve("parley-realm.json"), realm);
            Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting Keycloak on port " + port
                    + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--import-realm",
                    "--db=dev-file",
                    "--db-url=jdbc:h2:file:" + dataDir.resolve("h2").resolve("keycloakdb")
                            + ";NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE",
                    "--health-enabled=false",
                    "--metrics-enabled=false"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            process = builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot start Keycloak: " + e.getMessage() + "; see " + logFile, e);
        }
    }

    /** Waits for the realm to be served; not under the lock, so {@link #stop()} can end a hanging start. */
    @Override
    void awaitReady() {
        Process process = this.process;
        if (process == null) {
            throw new StackException("Keycloak was stopped during start");
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException("Keycloak exited during start (code " + process.exitValue() + "); see "
                        + logFile + System.lineSeparator() + Processes.tail(logFile, 15));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for Keycloak", e);
            }
            Processes.sleep(250);
        }
        throw new StackException("Keycloak was not ready on port " + port + " within " + startTimeout.toSeconds()
                + " s; see " + logFile);
    }

    /** The unpacked distribution, unpacking the zip first if the cache does not have it yet. */
    Path unpackOnce() {
        Path home = cacheDir;
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))
                && Files.isRegularFile(home.resolve(".parley-unpacked"))) {
            return home;
        }
        if (distributionZip == null || !Files.isRegularFile(distributionZip)) {
            throw new StackException("Keycloak's distribution zip was not found" + (distributionZip == null ? ""
                    : " at " + distributionZip) + ". Build once with ./mvnw -B -q install -DskipTests, which "
                    + "downloads org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip, or set "
                    + "PARLEY_KEYCLOAK_ZIP.");
        }
        try {
            Files.createDirectories(home.getParent());
            Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
            try (InputStream in = Files.newInputStream(distributionZip); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    // Entries are under keycloak-<version>/; drop that first segment.
                    String name = entry.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || slash == name.length() - 1) {
                        continue;
                    }
                    Path target = staging.resolve(name.substring(slash + 1)).normalize();
                    if (!target.startsWith(staging)) {
                        throw new StackException("Unexpected entry in Keycloak's zip: " + name);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (Stream<Path> scripts = Files.list(staging.resolve("bin"))) {
                for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.writeString(staging.resolve(".parley-unpacked"), distributionZip.toString());
            if (Files.exists(home)) {
                deleteTree(home);
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack Keycloak into " + home, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
