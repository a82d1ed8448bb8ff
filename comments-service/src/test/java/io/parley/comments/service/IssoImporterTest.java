package io.parley.comments.service;

import io.parley.comments.TestSupport;
import io.parley.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports an Isso database built here with Isso's schema (user_version 5). */
@QuarkusTest
class IssoImporterTest {

    @Inject
    IssoImporter importer;

    /** Isso's schema, column order included. */
    static void createIssoSchema(Connection db) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE preferences (key VARCHAR PRIMARY KEY, value VARCHAR)");
            st.execute("CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256))");
            st.execute("CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER, "
                    + "created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR NOT NULL, "
                    + "author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, "
                    + "voters BLOB NOT NULL, notification INTEGER DEFAULT 0)");
            st.execute("CREATE TRIGGER remove_stale_threads AFTER DELETE ON comments BEGIN "
                    + "DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments); END");
            st.execute("PRAGMA user_version = 5");
        }
    }

    static void thread(Connection db, long id, String uri, String title) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, uri);
            ps.setString(3, title);
            ps.executeUpdate();
        }
    }

    static void comment(Connection db, long tid, long id, Long parent, double created, Double modified, int mode,
                        String text, String author, String email, int likes, Integer notification) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO comments (tid, id, parent, created, modified, "
                + "mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) "
                + "VALUES (?, ?, ?, ?, ?, ?, '192.168.1.0', ?, ?, ?, ?, ?, 1, ?, ?)")) {
            ps.setLong(1, tid);
            ps.setLong(2, id);
            ps.setObject(3, parent);
            ps.setDouble(4, created);
            ps.setObject(5, modified);
            ps.setInt(6, mode);
            ps.setString(7, text);
            ps.setString(8, author);
            ps.setString(9, email);
            ps.setString(10, mode == 4 ? null : "http://example.org");
            ps.setInt(11, likes);
            ps.setBytes(12, new byte[256]);
            ps.setObject(13, notification);
            ps.executeUpdate();
        }
    }

    private static long base() {
        // Ids far above what other tests create, different per run, still ints (as JSON readers see them).
        return 100_000_000L + ThreadLocalRandom.current().nextLong(9_000_000L) * 100;
    }

    @Test
    void importsThreadsCommentsRepliesAndStatesOnce() throws Exception {
        long b = base();
        String run = UUID.randomUUID().toString();
        String uri1 = "/isso/" + run + "/one/";
        String uri2 = "/isso/" + run + "/two/";
        // A comment written here already has the id one Isso comment wants.
        String taken = TestSupport.uniqueUri();
        long takenId = given().contentType("application/json").header("X-Client-IP", "127.0.0.1")
                .queryParam("uri", taken).body("{\"text\": \"already here\"}").post("/new").then().statusCode(201)
                .extract().jsonPath().getLong("id");

        Path file = Files.createTempFile("isso", ".db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            createIssoSchema(db);
            thread(db, 1, uri1, "First post");
            thread(db, 2, uri2, null);
            thread(db, 3, "/isso/" + run + "/empty/", "no comments");
            comment(db, 1, b + 1, null, 1700000000.123456, null, 1, "Hello *world*", "Ann &amp; co", "ann@example.com", 3, 1);
            comment(db, 1, b + 2, b + 1, 1700000100.5, 1700000200.25, 1, "a reply", "Bob", null, 0, null);
            // Nested below a reply (older Isso data): attached to the top-level ancestor.
            comment(db, 1, b + 3, b + 2, 1700000300.0, null, 1, "a reply to a reply", null, "c@example.com", 0, 0);
            // A deleted placeholder with one reply, and a pending comment.
            comment(db, 1, b + 4, null, 1700000400.0, null, 4, "", null, "gone@example.com", 0, 0);
            comment(db, 1, b + 5, b + 4, 1700000500.0, null, 1, "under a placeholder", "Eve", null, 0, 0);
            comment(db, 1, b + 6, null, 1700000600.0, null, 2, "waiting for a moderator", "Pat", null, 0, 0);
            // Parent in another thread: top-level; the id already in use here: renumbered.
            comment(db, 2, b + 7, b + 1, 1700000700.0, null, 1, "other thread", "Zed", null, 0, 0);
            comment(db, 2, takenId, null, 1700000800.0, null, 1, "id clash", "Kim", null, 0, 0);
            // An unknown mode is left out.
            comment(db, 2, b + 9, null, 1700000900.0, null, 8, "strange", null, null, 0, 0);
        }

        String key1 = Topics.postKey("remark", uri1);
        String key2 = Topics.postKey("remark", uri2);
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            List<String> progress = new ArrayList<>();
            IssoImporter.Report report = importer.importFile(file, "remark", "isso-" + run, progress::add);
            assertEquals(new IssoImporter.Report(2, 8, 0, 1, 1), report);
            assertEquals(2, progress.size(), progress.toString());

            // Ids kept; the thread listing shows what Isso showed.
            given().queryParam("uri", uri1).get("/").then().statusCode(200)
                    .body("total_replies", equalTo(5))
                    .body("replies.id", contains((int) (b + 1), (int) (b + 4)))
                    .body("replies[0].text", equalTo("<p>Hello <em>world</em></p>"))
                    .body("replies[0].author", equalTo("Ann &amp; co"))
                    .body("replies[0].likes", equalTo(3))
                    .body("replies[0].notification", equalTo(1))
                    .body("replies[0].hash", equalTo(hashOf("ann@example.com")))
                    .body("replies[0].replies.id", contains((int) (b + 2), (int) (b + 3)))
                    .body("replies[0].replies[0].modified", equalTo(1700000200.25f))
                    .body("replies[0].replies[0].notification", nullValue())
                    .body("replies[1].mode", equalTo(4))
                    .body("replies[1].text", equalTo("<p></p>"))
                    .body("replies[1].replies.id", contains((int) (b + 5)));
            Map<String, Object> first = TestSupport.row("select created, state, client_network from comments where id = ?",
                    b + 1);
            assertEquals("PUBLISHED", first.get("state"));
            assertEquals("192.168.1.0", first.get("client_network"));
            assertEquals(java.time.Instant.parse("2023-11-14T22:13:20.123456Z"),
                    ((java.sql.Timestamp) first.get("created")).toInstant());
            assertEquals("PENDING", TestSupport.row("select state from comments where id = ?", b + 6).get("state"));
            assertEquals("First post", TestSupport.row("select title from posts where uri = ?", uri1).get("title"));
            assertNull(TestSupport.row("select id from posts where uri = ?", "/isso/" + run + "/empty/"));

            // The other thread: top-level, and the clashing id got a new one.
            given().queryParam("uri", uri2).get("/").then().statusCode(200)
                    .body("replies", hasSize(2))
                    .body("replies[0].id", equalTo((int) (b + 7)))
                    .body("replies[0].parent", nullValue())
                    .body("replies[1].text", equalTo("<p>id clash</p>"));
            long renumbered = given().queryParam("uri", uri2).get("/").jsonPath().getLong("replies[1].id");
            assertNotEquals(takenId, renumbered);

            // Every imported comment announced once.
            List<ConsumerRecord<String, String>> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (events.size() < 8 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key1.equals(r.key()) || key2.equals(r.key())) {
                        events.add(r);
                    }
                }
            }
            assertEquals(8, events.size());
            assertTrue(events.stream().allMatch(r -> "comment.posted".equals(TestSupport.header(r, "ce_type"))));

            // Again: nothing changes, nothing is announced; a comment deleted since stays deleted.
            TestSupport.execute("delete from comments where id = ?", b + 7);
            IssoImporter.Report again = importer.importFile(file, "remark", "isso-" + run, progress::add);
            assertEquals(new IssoImporter.Report(2, 0, 8, 0, 1), again);
            assertNull(TestSupport.row("select id from comments where id = ?", b + 7));
            assertEquals(0, TestSupport.recordsWithKey(consumer, key1, 1, Duration.ofSeconds(3), Duration.ZERO).size());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String hashOf(String value) {
        return new AuthorHasher("pbkdf2", "Eech7co8Ohloopo9Ol6baimi").hash(value);
    }

    @Test
    void refusesWhatIsNotAnIssoDatabase() throws Exception {
        Path text = Files.createTempFile("not-isso", ".db");
        Files.writeString(text, "hello");
        Path empty = Files.createTempFile("empty", ".db");
        try {
            assertThrows(IllegalArgumentException.class, () -> importer.importFile(text, "remark", "isso", s -> { }));
            assertThrows(IllegalArgumentException.class, () -> importer.importFile(empty, "remark", "isso", s -> { }));
            assertThrows(IllegalArgumentException.class,
                    () -> importer.importFile(Path.of("/no/such/file.db"), "remark", "isso", s -> { }));
        } finally {
            Files.deleteIfExists(text);
            Files.deleteIfExists(empty);
        }
    }

    @Test
    void ancestorsAndTimes() {
        var a = new io.parley.comments.repository.IssoDatabase.Comment(1, 10, null, 0, null, 1, null, "", null, null,
                null, 0, 0, null);
        var b = new io.parley.comments.repository.IssoDatabase.Comment(1, 11, 10L, 0, null, 1, null, "", null, null,
                null, 0, 0, null);
        var c = new io.parley.comments.repository.IssoDatabase.Comment(1, 12, 11L, 0, null, 1, null, "", null, null,
                null, 0, 0, null);
        var loop = new io.parley.comments.repository.IssoDatabase.Comment(1, 13, 13L, 0, null, 1, null, "", null,
                null, null, 0, 0, null);
        Map<Long, io.parley.comments.repository.IssoDatabase.Comment> byId = Map.of(10L, a, 11L, b, 12L, c, 13L, loop);
        assertNull(IssoImporter.topLevelAncestor(a, byId));
        assertEquals(10L, IssoImporter.topLevelAncestor(b, byId));
        assertEquals(10L, IssoImporter.topLevelAncestor(c, byId));
        assertNull(IssoImporter.topLevelAncestor(loop, byId));
        assertEquals(java.time.Instant.parse("2023-11-14T22:13:20.000001Z"), IssoImporter.instant(1700000000.000001));
    }
}
