package io.parley.comments.rest;

import io.parley.comments.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Writes that meet other writes or a vanishing client. Deleting a thread's last comment while a new comment is
 * posted to the thread: neither request fails, and the new comment ends up in an existing thread. A client that
 * hangs up during {@code POST /new}: the transaction still ends cleanly. The interleavings are forced with locks
 * held by the test (the guard's per-network advisory lock, a comment row lock), then released.
 */
@QuarkusTest
@TestProfile(IssoModerationTest.ModerationOn.class)
class IssoWriteRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String network() {
        UUID random = UUID.randomUUID();
        return "10." + (1 + Math.floorMod(random.getMostSignificantBits(), 250)) + "."
                + Math.floorMod(random.getLeastSignificantBits(), 250);
    }

    private static Response post(String network, String uri) {
        return given().contentType(ContentType.JSON).header("X-Client-IP", network + ".9").queryParam("uri", uri)
                .body("{\"text\": \"a comment\", \"author\": \"Ann\", \"email\": \"ann@example.com\"}")
                .post("/new");
    }

    private static Response delete(long id, String token) {
        return given().contentType(ContentType.JSON).cookie(Long.toString(id), token).delete("/id/" + id);
    }

    private static String token(Response created) {
        String cookie = created.header("Set-Cookie");
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static long waiting(Connection c, String condition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(distinct pid) from pg_locks where not granted and " + condition);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Object> post(String uri) throws SQLException {
        return TestSupport.row("select id from posts where site = 'remark' and uri = ?", uri);
    }

    @Test
    void postWaitsBehindTheGuardWhileTheLastCommentIsDeleted() throws Exception {
        String uri = TestSupport.uniqueUri();
        Response first = post(network(), uri);
        first.then().statusCode(202);
        long firstId = first.jsonPath().getLong("id");
        Object postId = post(uri).get("id");
        String poster = network();
        try (Connection hold = TestSupport.db(); Connection watch = TestSupport.db()) {
            hold.setAutoCommit(false);
            // The new comment's transaction stops at the guard's lock for its network, after finding the post.
            try (PreparedStatement ps = hold.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, poster + ".0");
                ps.execute();
            }
            CompletableFuture<Response> posting = CompletableFuture.supplyAsync(() -> post(poster, uri));
            await().atMost(WAIT).until(() -> waiting(watch, "locktype = 'advisory'") == 1);
            CompletableFuture<Response> deleting = CompletableFuture.supplyAsync(() -> delete(firstId, token(first)));
            // The delete must wait for the post's lock (before the fix it removed the post at once).
            await().atMost(WAIT).until(() -> deleting.isDone() || waiting(watch, "locktype <> 'advisory'") == 1);
            hold.commit();
            posting.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(202);
            deleting.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(200);
        }
        // The thread survived with the new comment in it.
        assertEquals(postId, post(uri).get("id"));
        assertNull(TestSupport.row("select id from comments where id = ?", firstId));
        assertEquals(1L, TestSupport.row("select count(*) as n from comments where post_id = ?", postId).get("n"));
    }

    @Test
    void postArrivingWhileTheThreadIsBeingRemovedRecreatesIt() throws Exception {
        String uri = TestSupport.uniqueUri();
        Response first = post(network(), uri);
        first.then().statusCode(202);
        long firstId = first.jsonPath().getLong("id");
        Object oldPostId = post(uri).get("id");
        try (Connection hold = TestSupport.db(); Connection watch = TestSupport.db()) {
            hold.setAutoCommit(false);
            // The delete locks the post, then stops at the comment's row lock.
            try (PreparedStatement ps = hold.prepareStatement("select id from comments where id = ? for update")) {
                ps.setLong(1, firstId);
                ps.executeQuery().close();
            }
            CompletableFuture<Response> deleting = CompletableFuture.supplyAsync(() -> delete(firstId, token(first)));
            await().atMost(WAIT).until(() -> waiting(watch, "true") == 1);
            // The new comment waits for the post the delete holds.
            CompletableFuture<Response> posting = CompletableFuture.supplyAsync(() -> post(network(), uri));
            await().atMost(WAIT).until(() -> waiting(watch, "true") == 2);
            hold.rollback();
            deleting.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(200);
            posting.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(202);
        }
        Map<String, Object> recreated = post(uri);
        assertNotNull(recreated);
        assertEquals(false, oldPostId.equals(recreated.get("id")));
        assertEquals(1L, TestSupport.row("select count(*) as n from comments where post_id = ?",
                recreated.get("id")).get("n"));
    }

    @Test
    void aClientHangingUpDuringPostLeavesNoLiveTransaction() throws Exception {
        String uri = TestSupport.uniqueUri();
        String poster = network();
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        try (Connection hold = TestSupport.db(); Connection watch = TestSupport.db()) {
            hold.setAutoCommit(false);
            try (PreparedStatement ps = hold.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, poster + ".0");
                ps.execute();
            }
            byte[] body = "{\"text\": \"hanging up\", \"author\": \"Ann\", \"email\": \"ann@example.com\"}"
                    .getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /new?uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8) + " HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Type: application/json\r\nX-Client-IP: " + poster + ".9\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                // The transaction is open and waits for the guard's lock; now the client goes away.
                await().atMost(WAIT).until(() -> waiting(watch, "locktype = 'advisory'") == 1);
            }
            // Sequencing only (not an assertion): give the server a moment to notice the closed connection.
            Thread.sleep(1000);
            hold.commit();
        }
        try {
            // The comment was written all the same, and nothing was logged as an error.
            await().atMost(WAIT).until(() -> post(uri) != null && (Long) TestSupport.row(
                    "select count(*) as n from comments where post_id = ?", post(uri).get("id")).get("n") == 1L);
            assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        } finally {
            Logger.getLogger("").removeHandler(handler);
        }
    }
}
