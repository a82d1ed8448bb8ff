package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stack.LocalStack;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An Isso site moves in: its {@code comments.db} is imported with the packaged comments-service's
 * {@code import-isso} command against the running stack, and the comments appear through the gateway in thread
 * listings and in feed-service's counts (so the events reached Kafka and feed-service). A second run changes nothing.
 */
class IssoImportIT extends GatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anIssoDatabaseIsImportedOnceAndServedEverywhere(LocalStack stack) throws Exception {
        String uri = Isso.freshUri("import");
        long b = 200_000_000L + ThreadLocalRandom.current().nextLong(1_000_000L) * 100;
        Path db = Files.createTempFile("isso-import", ".db");
        try {
            try (Connection c = sqlite(stack, db)) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256))");
                    st.execute("CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, "
                            + "parent INTEGER, created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, "
                            + "text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER "
                            + "DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER DEFAULT 0)");
                    st.execute("PRAGMA user_version = 5");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO threads VALUES (1, ?, 'Moved in')")) {
                    ps.setString(1, uri);
                    ps.executeUpdate();
                }
                comment(c, b + 1, null, 1, "first");
                comment(c, b + 2, b + 1, 1, "a reply");
                comment(c, b + 3, null, 2, "pending");
                comment(c, b + 4, null, 4, "");
                comment(c, b + 5, b + 4, 1, "under a deleted one");
            }

            String first = runImport(stack, db);
            assertTrue(first.contains("imported 5 comments in 1 threads into site remark"), first);
            assertTrue(first.contains("all events published"), first);

            given().baseUri(gatewayUrl).queryParam("uri", uri).get("/").then().statusCode(200)
                    .body("total_replies", equalTo(4))
                    .body("replies.id", contains((int) (b + 1), (int) (b + 4)))
                    .body("replies[0].replies.id", contains((int) (b + 2)))
                    .body("replies[1].mode", equalTo(4));
            // Published comments only: the pending one and the placeholder are not counted.
            await().atMost(WAIT).until(() -> isso.count(uri) == 3);

            String second = runImport(stack, db);
            assertTrue(second.contains("imported 0 comments in 1 threads into site remark (5 already imported"), second);
            assertEquals(List.of(3), isso.counts(List.of(uri)));
        } finally {
            Files.deleteIfExists(db);
        }
    }

    private static void comment(Connection c, long id, Long parent, int mode, String text) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comments (tid, id, parent, created, mode, "
                + "remote_addr, text, author, voters) VALUES (1, ?, ?, ?, ?, '10.1.2.0', ?, ?, x'00')")) {
            ps.setLong(1, id);
            ps.setObject(2, parent);
            ps.setDouble(3, 1700000000.0 + id % 1000);
            ps.setInt(4, mode);
            ps.setString(5, text);
            ps.setString(6, mode == 4 ? null : "Ann");
            ps.executeUpdate();
        }
    }

    private static Path app(LocalStack stack) {
        return stack.rootDir().resolve("comments-service/target/quarkus-app");
    }

    /** The SQLite driver the packaged service ships, to write the Isso file as Isso would. */
    private static Connection sqlite(LocalStack stack, Path file) throws Exception {
        Path jar;
        try (Stream<Path> libs = Files.list(app(stack).resolve("lib/main"))) {
            jar = libs.filter(p -> p.getFileName().toString().startsWith("org.xerial.sqlite-jdbc")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("comments-service is not packaged with sqlite-jdbc"));
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, IssoImportIT.class.getClassLoader());
        Driver driver = (Driver) Class.forName("org.sqlite.JDBC", true, loader).getDeclaredConstructor().newInstance();
        return driver.connect("jdbc:sqlite:" + file, new Properties());
    }

    /** {@code java -jar quarkus-run.jar import-isso} with the service's own environment; its output. */
    private static String runImport(LocalStack stack, Path db) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", app(stack).resolve("quarkus-run.jar").toString(), "import-isso", "--site=remark", db.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(stack.service("comments-service").environment());
        env.put("QUARKUS_HTTP_PORT", "0");
        Path output = Files.createTempFile("isso-import", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "import did not finish");
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), log);
            return log;
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
