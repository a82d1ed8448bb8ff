package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.TestSupport;
import io.parley.comments.service.ModerationLinks;
import io.parley.comments.service.SignedTokens;
import io.parley.events.comments.CommentEventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Moderation and the spam guard, both switched on (the default test profile runs without them). */
@QuarkusTest
@TestProfile(IssoModerationTest.ModerationOn.class)
class IssoModerationTest {

    static final String SECRET = "moderation-test-secret";

    public static class ModerationOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.isso.moderation.enabled", "true",
                    "parley.isso.moderation.approve-if-email-previously-approved", "true",
                    "parley.isso.moderation.purge-interval", "1s",
                    "parley.isso.guard.enabled", "true",
                    "parley.isso.guard.require-email", "true",
                    "parley.isso.guard.require-author", "true",
                    "parley.isso.session-key", SECRET);
        }
    }

    @Inject
    ModerationLinks links;

    @Inject
    ObjectMapper json;

    /** A fresh /24 per call, so the rate limit of one test never meets another's. */
    private static String network() {
        UUID random = UUID.randomUUID();
        return "10." + (1 + Math.floorMod(random.getMostSignificantBits(), 250)) + "."
                + Math.floorMod(random.getLeastSignificantBits(), 250) + ".7";
    }

    private static String email() {
        return UUID.randomUUID() + "@example.com";
    }

    private static ValidatableResponse post(String ip, String uri, String body) {
        return given().contentType(ContentType.JSON).header("X-Client-IP", ip).queryParam("uri", uri)
                .body(body).post("/new").then();
    }

    private static String body(String text, String email, Long parent) {
        return "{\"text\": \"" + text + "\", \"author\": \"Ann\", \"email\": \"" + email + "\", \"parent\": "
                + parent + "}";
    }

    private static void age(long id, String interval) throws Exception {
        TestSupport.execute("update comments set created = created - cast(? as interval) where id = ?", interval, id);
    }

    private String link(long id, ModerationLinks.Action action) {
        return links.path(id, action).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void guardRejectsWithIssoReasonsAndLeavesNoThread() throws Exception {
        String ip = network();
        String uri = TestSupport.uniqueUri();
        post(ip, uri, "{\"text\": \"no email here\", \"author\": \"Ann\"}")
                .statusCode(403).body(containsString("email address required but not provided"));
        post(ip, uri, "{\"text\": \"no author here\", \"email\": \"a@example.com\"}")
                .statusCode(403).body(containsString("author address required but not provided"));
        assertNull(TestSupport.row("select id from posts where uri = ?", uri), "a rejected comment leaves no thread");

        long first = post(ip, uri, body("first one", email(), null)).statusCode(202).extract().jsonPath().getLong("id");
        long second = post(ip, uri, body("second one", email(), null)).statusCode(202).extract().jsonPath().getLong("id");
        // Same /24, other host: same network. The reason names only the caller's own network, no ids.
        String sameNetwork = ip.substring(0, ip.lastIndexOf('.')) + ".200";
        String network = ip.substring(0, ip.lastIndexOf('.')) + ".0";
        post(sameNetwork, uri, body("third one", email(), null)).statusCode(403)
                .body(containsString(network + ": ratelimit exceeded"));
        // Another network is not limited by it.
        post(network(), uri, body("someone else", email(), null)).statusCode(202);

        // Out of the minute: the rate limit passes, a third top-level comment is fine, a fourth is not.
        age(first, "2 minutes");
        age(second, "2 minutes");
        long third = post(ip, uri, body("third top level", email(), null)).statusCode(202)
                .extract().jsonPath().getLong("id");
        age(third, "2 minutes");
        post(ip, uri, body("fourth top level", email(), null)).statusCode(403)
                .body(containsString("3 direct responses to " + uri));

        // Replying to one's own comment waits until its edit window (15 min) has closed; others may reply at once.
        post(ip, uri, body("self reply", email(), first)).statusCode(403)
                .body(containsString("edit time frame is still open"));
        post(network(), uri, body("a reply from elsewhere", email(), first)).statusCode(202);
        age(first, "20 minutes");
        post(ip, uri, body("self reply later", email(), first)).statusCode(202);
    }

    @Test
    void concurrentPostsFromOneNetworkCannotOutrunTheRateLimit() throws Exception {
        String ip = network();
        String uri = TestSupport.uniqueUri();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = "burst " + i;
                posts.add(pool.submit(() -> {
                    start.await();
                    return post(ip, uri, body(text, email(), null)).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> post : posts) {
                statuses.add(post.get(30, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            assertEquals(List.of(202, 202, 403, 403, 403, 403), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pendingCommentIsHiddenUntilActivatedByItsLink() throws Exception {
        String uri = TestSupport.uniqueUri();
        String email = email();
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            long id = post(network(), uri, "{\"text\": \"<script>alert(1)</script> please\", \"author\": "
                    + "\"<b>Eve\\\"</b>\", \"email\": \"" + email + "\"}")
                    .statusCode(202).body("mode", equalTo(2)).header("X-Set-Cookie", startsWith("isso-"))
                    .extract().jsonPath().getLong("id");
            assertEquals("PENDING", TestSupport.row("select state from comments where id = ?", id).get("state"));
            given().queryParam("uri", uri).get("/").then().statusCode(200).body("total_replies", equalTo(0));

            String activate = link(id, ModerationLinks.Action.ACTIVATE);
            given().get(activate).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                    .body(containsString("&lt;b&gt;Eve&quot;&lt;/b&gt;"))
                    .body(not(containsString("<script>")))
                    .body(containsString("<form method=\"post\">"));
            given().post(activate).then().statusCode(200).body(equalTo("Comment has been activated"));
            given().post(activate).then().statusCode(200).body(equalTo("Already activated"));
            given().queryParam("uri", uri).get("/").then().statusCode(200)
                    .body("total_replies", equalTo(1)).body("replies[0].id", equalTo((int) id));

            List<ConsumerRecord<String, String>> records = TestSupport.recordsWithKey(consumer, "remark|" + uri, 2,
                    Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertEquals(2, records.size());
            ConsumerRecord<String, String> moderated = records.get(1);
            assertEquals(CommentEventTypes.MODERATED, TestSupport.header(moderated, "ce_type"));
            JsonNode comment = json.readTree(moderated.value()).get("comment");
            assertEquals("PUBLISHED", comment.get("state").asText());
            assertEquals(2, comment.get("version").asInt());
        }
        // The email is now known: its next comment is published at once.
        post(network(), uri, body("known author again", email, null)).statusCode(201).body("mode", equalTo(1));
    }

    @Test
    void editAndDeleteLinksActOnlyWithAValidKeyForTheSameComment() throws Exception {
        String uri = TestSupport.uniqueUri();
        long id = post(network(), uri, body("to be edited", email(), null)).statusCode(202)
                .extract().jsonPath().getLong("id");
        long other = post(network(), uri, body("another one", email(), null)).statusCode(202)
                .extract().jsonPath().getLong("id");

        // A valid key for another comment, an expired key, a forged key: 403, nothing changes.
        String foreignKey = link(other, ModerationLinks.Action.DELETE).substring(("/id/" + other + "/delete/").length());
        given().post("/id/" + id + "/delete/" + foreignKey).then().statusCode(403);
        given().get("/id/" + id + "/delete/" + foreignKey).then().statusCode(403);
        String expired = new SignedTokens(SECRET).sign(id, Instant.now().minus(Duration.ofDays(8)).getEpochSecond());
        given().post("/id/" + id + "/activate/" + expired).then().statusCode(403);
        String forged = new SignedTokens("other-secret").sign(id, Instant.now().getEpochSecond());
        given().post("/id/" + id + "/activate/" + forged).then().statusCode(403);
        assertEquals("PENDING", TestSupport.row("select state from comments where id = ?", id).get("state"));

        given().contentType(ContentType.JSON).body("{\"text\": \"edited by the moderator\", \"author\": \"Mod\"}")
                .post(link(id, ModerationLinks.Action.EDIT)).then().statusCode(200)
                .body("text", equalTo("edited by the moderator")).body("author", equalTo("Mod"))
                .body("mode", equalTo(2));
        // The confirmation page's form posts form-encoded fields; they are escaped like JSON ones.
        given().contentType(ContentType.URLENC).formParam("text", "edited in the form").formParam("author", "M&M")
                .post(link(id, ModerationLinks.Action.EDIT)).then().statusCode(200)
                .body("text", equalTo("edited in the form")).body("author", equalTo("M&amp;M"));
        given().post(link(id, ModerationLinks.Action.DELETE)).then().statusCode(200)
                .body(equalTo("Comment has been deleted"));
        assertNull(TestSupport.row("select id from comments where id = ?", id));
        given().get(link(id, ModerationLinks.Action.DELETE)).then().statusCode(404);
    }

    @Test
    void stalePendingCommentsArePurged() throws Exception {
        String uri = TestSupport.uniqueUri();
        long stale = post(network(), uri, body("nobody approved me", email(), null)).statusCode(202)
                .extract().jsonPath().getLong("id");
        long fresh = post(network(), uri, body("still waiting", email(), null)).statusCode(202)
                .extract().jsonPath().getLong("id");
        age(stale, "31 days");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestSupport.row("select id from comments where id = ?", stale) == null);
        assertNotNull(TestSupport.row("select id from comments where id = ?", fresh));
        assertNotNull(TestSupport.row("select id from outbox where event_type = 'comment.deleted' and payload like ?",
                "%\"id\":" + stale + ",%"), "the purge announces the deletion");
    }
}
