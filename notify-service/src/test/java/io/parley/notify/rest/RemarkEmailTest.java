package io.parley.notify.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.users.UserDeleted;
import io.parley.events.users.UserEventTypes;
import io.parley.notify.support.Events;
import io.parley.notify.support.Mailbox;
import io.parley.session.testing.TestSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Remark42 e-mail subscription (subscribe, confirm by mailed token, get, delete, unsubscribe page) and reply
 * mails to every subscribed ancestor, with real session tokens, Kafka and the SMTP catcher.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemarkEmailTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern TOKEN = Pattern.compile("(?m)^([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)\\s*$");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private Events events;

    @BeforeAll
    void connect() {
        events = new Events(bootstrap);
    }

    @AfterAll
    void close() {
        events.close();
    }

    private static String jwt(String userId) {
        return TestSessions.token("remark", userId, "User " + userId, false);
    }

    /** Subscribes {@code userId} with {@code address} through the mailed token; returns nothing. */
    private static void subscribe(String userId, String address) {
        given().header("X-JWT", jwt(userId)).contentType(ContentType.JSON)
                .body(Map.of("site", "remark", "address", address))
                .when().post("/api/v1/email/subscribe?site=remark")
                .then().statusCode(200).body("updated", equalTo(false)).body("address", equalTo(address))
                .body("user.id", equalTo(userId));
        Map<String, Object> mail = await().atMost(WAIT).until(() -> Mailbox.to(address).stream().findFirst()
                .orElse(null), m -> m != null);
        assertEquals("Confirm your e-mail subscription", mail.get("subject"));
        Matcher token = TOKEN.matcher(String.valueOf(mail.get("text")));
        assertTrue(token.find(), String.valueOf(mail.get("text")).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"));

        // Somebody else cannot use it.
        given().header("X-JWT", jwt("github_" + userId + "x")).contentType(ContentType.JSON)
                .body(Map.of("site", "remark", "token", token.group(1)))
                .when().post("/api/v1/email/confirm?site=remark").then().statusCode(400).body("code", equalTo(2));
        given().header("X-JWT", jwt(userId)).contentType(ContentType.JSON)
                .body(Map.of("site", "remark", "token", token.group(1) + "x"))
                .when().post("/api/v1/email/confirm?site=remark").then().statusCode(403).body("code", equalTo(3));
        given().header("X-JWT", jwt(userId)).contentType(ContentType.JSON)
                .body(Map.of("site", "remark", "token", token.group(1)))
                .when().post("/api/v1/email/confirm?site=remark")
                .then().statusCode(200).body("updated", equalTo(true)).body("address", equalTo(address));
    }

    @Test
    void subscribeConfirmGetConflictAndDelete() {
        String user = "github_" + Events.nextId();
        String address = Mailbox.fresh("sub");
        given().header("X-JWT", jwt(user)).when().get("/api/v1/email?site=remark")
                .then().statusCode(200).body("address", equalTo("")).body("user.id", equalTo(user));
        subscribe(user, address);
        given().header("X-JWT", jwt(user)).when().get("/api/v1/email?site=remark")
                .then().statusCode(200).body("address", equalTo(address));
        given().header("X-JWT", jwt(user)).contentType(ContentType.JSON)
                .body(Map.of("site", "remark", "address", address))
                .when().post("/api/v1/email/subscribe?site=remark")
                .then().statusCode(409).body("code", equalTo(17)).body("error", equalTo("already subscribed"));
        given().header("X-JWT", jwt(user)).when().delete("/api/v1/email?site=remark")
                .then().statusCode(200).body("deleted", equalTo(true));
        given().header("X-JWT", jwt(user)).when().get("/api/v1/email?site=remark")
                .then().statusCode(200).body("address", equalTo(""));
    }

    @Test
    void aDeletedUserLosesTheSubscription() {
        String user = "github_" + Events.nextId();
        subscribe(user, Mailbox.fresh("leaving"));
        events.sendUser(UserEventTypes.DELETED, new UserDeleted("remark", user, 1));
        await().atMost(WAIT).until(() -> given().header("X-JWT", jwt(user)).when().get("/api/v1/email?site=remark")
                .then().statusCode(200).extract().path("address").equals(""));
    }

    @Test
    void refusals() {
        given().when().get("/api/v1/email?site=remark").then().statusCode(401);
        given().header("X-JWT", jwt("github_1")).when().get("/api/v1/email?site=other").then().statusCode(403);
        given().header("X-JWT", jwt("anonymous_abc")).when().get("/api/v1/email?site=remark").then().statusCode(403);
        given().header("X-JWT", jwt("github_2")).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/v1/email/subscribe?site=remark").then().statusCode(400).body("code", equalTo(2));
        given().header("X-JWT", jwt("github_2")).contentType(ContentType.JSON).body(Map.of("address", "nope"))
                .when().post("/api/v1/email/subscribe?site=remark").then().statusCode(400).body("code", equalTo(2));
        given().header("X-JWT", jwt("github_2")).contentType(ContentType.JSON).body(Map.of("site", "remark"))
                .when().post("/api/v1/email/confirm?site=remark").then().statusCode(400);
        given().when().get("/email/unsubscribe.html?site=remark").then().statusCode(400);
        given().when().get("/email/unsubscribe.html?site=remark&tkn=a.b.c").then().statusCode(403);
        given().when().head("/email/unsubscribe.html?site=remark&tkn=a.b.c").then().statusCode(405);
    }

    @Test
    void emailUsersAreSubscribedAtOnce() {
        String address = Mailbox.fresh("direct");
        String user = "email_" + io.parley.notify.service.SubscriptionServiceAccess.sha1(address);
        given().header("X-JWT", jwt(user)).contentType(ContentType.JSON).body(Map.of("address", address))
                .when().post("/api/v1/email/subscribe?site=remark")
                .then().statusCode(200).body("updated", equalTo(true));
    }

    @Test
    void repliesReachEverySubscribedAncestorAndTheUnsubscribePageStopsThem() {
        String root = "github_" + Events.nextId();
        String middle = "github_" + Events.nextId();
        String writer = "github_" + Events.nextId();
        String rootMail = Mailbox.fresh("root");
        String middleMail = Mailbox.fresh("middle");
        String writerMail = Mailbox.fresh("writer");
        subscribe(root, rootMail);
        subscribe(middle, middleMail);
        subscribe(writer, writerMail);
        String post = "https://blog.example/remark/" + Events.nextId();
        long a = Events.nextId();
        long b = Events.nextId();
        long c = Events.nextId();
        long d = Events.nextId();
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", post, Events.remark(a, null, root, "Root"), "k"));
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", post, Events.remark(b, a, writer, "Writer"), "k"));
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", post, Events.remark(c, b, middle, "Middle"), "k"));
        // The writer answers the middle reply: middle, the writer's own b (skipped: own), and the root are told.
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", post, Events.remark(d, c, writer, "Writer"), "k"));

        Map<String, Object> toRoot = await().atMost(WAIT).until(() -> Mailbox.to(rootMail).stream()
                .filter(m -> String.valueOf(m.get("text")).contains("#remark42__comment-" + d)).findFirst().orElse(null),
                m -> m != null);
        await().atMost(WAIT).until(() -> Mailbox.to(middleMail).stream()
                .anyMatch(m -> String.valueOf(m.get("text")).contains("#remark42__comment-" + d)));
        assertEquals("New reply to your comment for \"Remark post\"", toRoot.get("subject"));
        assertTrue(String.valueOf(toRoot.get("text")).contains(post + "#remark42__comment-" + d));
        // Writer: told about c (a reply to b), never about d.
        await().atMost(WAIT).until(() -> Mailbox.to(writerMail).stream()
                .anyMatch(m -> String.valueOf(m.get("text")).contains("#remark42__comment-" + c)));
        assertTrue(Mailbox.to(writerMail).stream()
                .noneMatch(m -> String.valueOf(m.get("text")).contains("#remark42__comment-" + d)));

        String link = Mailbox.header(toRoot, "List-Unsubscribe").replaceAll("[<>]", "");
        URI unsubscribe = URI.create(link);
        assertTrue(link.startsWith("http://localhost:8080/email/unsubscribe.html?site=remark&tkn="), link);
        String pathAndQuery = unsubscribe.getRawPath() + "?" + unsubscribe.getRawQuery();
        given().urlEncodingEnabled(false).when().get(pathAndQuery).then().statusCode(200)
                .contentType(containsString("text/html"));
        given().urlEncodingEnabled(false).when().post(pathAndQuery).then().statusCode(409);
        given().header("X-JWT", jwt(root)).when().get("/api/v1/email?site=remark")
                .then().statusCode(200).body("address", equalTo(""));
        List<Map<String, Object>> before = Mailbox.to(rootMail);
        assertTrue(before.size() >= 3);
    }
}
