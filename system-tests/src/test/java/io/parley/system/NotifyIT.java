package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stack.LocalStack;
import io.parley.stack.testing.TestDirectories;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.parley.stack.ServiceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Isso e-mail notifications through the gateway against the SMTP catcher, on a stack of its own whose
 * comments-service moderates new comments (Isso {@code [moderation] enabled}, with
 * {@code approve-if-email-previously-approved}), so the admin mail's activate and delete links can be followed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern ACTIVATE = Pattern.compile("Activate comment: (\\S+)");
    private static final Pattern DELETE = Pattern.compile("Delete comment: (\\S+)");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("Unsubscribe from this conversation: (\\S+)");

    private Path dataDir;
    private LocalStack stack;
    private Isso isso;
    private String admin;

    @BeforeAll
    void startStack() {
        dataDir = TestDirectories.create("parley-notify-");
        stack = LocalStack.builder().dataDir(dataDir).root(copyOfBuiltServices(dataDir)).everything(false).freePorts()
                // Its own stack beside everything else on a shared 2-core machine: give services time to start.
                .startTimeout(Duration.ofMinutes(5))
                .serviceEnvironment("comments-service", Map.of("PARLEY_ISSO_MODERATION_ENABLED", "true",
                        "PARLEY_ISSO_MODERATION_APPROVE_IF_EMAIL_PREVIOUSLY_APPROVED", "true",
                        "PARLEY_ISSO_REPLY_NOTIFICATIONS", "true",
                        // A loaded machine can take longer than the 5 s default to open the migration connection.
                        "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S"))
                .serviceEnvironment("gateway", Map.of("PARLEY_GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32"))
                .build();
        stack.start();
        isso = new Isso(stack.gatewayUrl());
        // notify-service's default admin address: admin@<host of its public URL, the gateway>.
        admin = "admin@" + URI.create(stack.gatewayUrl()).getHost();
    }

    /**
     * The services run from a copy of their built jars: a build running beside the test (other modules' work on a
     * shared machine) must not replace jars under running services, which hangs their class loading.
     */
    private static Path copyOfBuiltServices(Path dataDir) {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path copy = dataDir.resolve("build");
        try {
            copyTree(repository.resolve("deploy/kafka-broker/target/lib"), copy.resolve("deploy/kafka-broker/target/lib"));
            for (ServiceSpec service : ServiceSpec.defaults()) {
                copyTree(repository.resolve(service.name()).resolve("target/quarkus-app"),
                        copy.resolve(service.name()).resolve("target/quarkus-app"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the built services", e);
        }
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.stop();
        }
        TestDirectories.deleteAllButLogs(dataDir);
    }

    @Test
    void moderationLinksInTheAdminMailActivateAndDelete() {
        String uri = Isso.freshUri("notify-moderation");
        String author = address("author");
        long id = post(uri, comment("Please moderate me.", author, null, false), 202);
        Map<String, Object> mail = awaitMail(admin, "#isso-" + id);
        String text = (String) mail.get("text");
        assertTrue(((String) mail.get("subject")).startsWith("New comment posted"), (String) mail.get("subject"));
        assertTrue(text.contains(author) && text.contains("Please moderate me."), text);

        String activate = link(ACTIVATE, text);
        given().urlEncodingEnabled(false).when().get(activate).then().statusCode(200)
                .contentType(containsString("text/html"));
        given().urlEncodingEnabled(false).when().post(activate).then().statusCode(200)
                .body(containsString("Comment has been activated"));
        await().atMost(WAIT).until(() -> isso.count(uri) == 1);

        given().urlEncodingEnabled(false).when().post(link(DELETE, text)).then().statusCode(200)
                .body(containsString("Comment has been deleted"));
        await().atMost(WAIT).until(() -> isso.count(uri) == 0);
    }

    @Test
    void replyMailsReachWhoAskedOnceAndTheUnsubscribeLinkStopsThem() {
        String uri = Isso.freshUri("notify-replies");
        String reader = address("reader");
        String replier = address("replier");
        long parent = approved(uri, comment("Tell me about replies.", reader, null, true));

        // A pending reply tells nobody; activating it through the admin mail's link does.
        long reply = post(uri, comment("A first answer.", replier, parent, false), 202);
        given().urlEncodingEnabled(false).when().post(link(ACTIVATE, text(awaitMail(admin, "#isso-" + reply))))
                .then().statusCode(200);
        Map<String, Object> mail = awaitMail(reader, "#isso-" + reply);
        assertTrue(((String) mail.get("subject")).startsWith("Re: New comment posted on"));
        String text = text(mail);
        assertTrue(text.contains("A first answer.") && !text.contains(replier), text);
        String unsubscribe = link(UNSUBSCRIBE, text);
        assertEquals("<" + unsubscribe + ">", header(mail, "List-Unsubscribe"));
        assertTrue(unsubscribe.startsWith(stack.gatewayUrl() + "/id/" + parent + "/unsubscribe/"), unsubscribe);

        // The replier's address is approved now: the next reply is published at once and mailed at once.
        long second = post(uri, comment("A second answer.", replier, parent, false), 201);
        awaitMail(reader, "#isso-" + second);

        given().urlEncodingEnabled(false).when().get(unsubscribe).then().statusCode(200)
                .body(containsString("Successfully unsubscribed"));
        given().urlEncodingEnabled(false).when().get(unsubscribe + "x").then().statusCode(403);

        long third = post(uri, comment("Nobody is told.", replier, parent, false), 201);
        // The admin mail of the third reply is queued after any reply mail of it would be.
        awaitMail(admin, "#isso-" + third);
        String otherUri = Isso.freshUri("notify-replies-other");
        long otherParent = approved(otherUri, comment("Other thread.", reader, null, true));
        long otherReply = post(otherUri, comment("Still told here.", replier, otherParent, false), 201);
        awaitMail(reader, "#isso-" + otherReply);
        assertEquals(0, mails(reader, "#isso-" + third).size());
        assertEquals(1, mails(reader, "#isso-" + reply).size());
        assertEquals(1, mails(reader, "#isso-" + second).size());
    }

    @Test
    void repliesPostedWhileSmtpIsDownArriveExactlyOnceAfterwards() {
        Conversation talk = conversation("notify-outage");
        stack.mail().stop();
        List<Long> replies = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                replies.add(talk.answer("Outage answer " + i));
            }
            // Long enough for failed tries and a backoff.
            sleep(Duration.ofSeconds(5));
        } finally {
            stack.mail().start();
        }
        assertEachMailedOnce(talk.reader, replies);
    }

    @Test
    void aRestartOfNotifyServiceMidDeliveryLosesAndRepeatsNothing() {
        Conversation talk = conversation("notify-restart");
        List<Long> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(talk.answer("Burst answer " + i));
        }
        // Graceful restart while the burst is being consumed and sent.
        stack.service("notify-service").stop();
        stack.service("notify-service").start();
        assertEachMailedOnce(talk.reader, replies);
    }

    @Test
    void remark42SubscriptionConfirmedByMailBringsReplyMailsUntilTheUnsubscribePage() {
        Logins logins = new Logins(stack);
        Logins.Session alice = logins.email("Alice", address("alice-login"), "remark");
        Logins.Session bob = logins.anonymous("Bobby", "remark");
        String notifyTo = address("alice-notify");

        remark(alice).contentType(ContentType.JSON).body(Map.of("site", "remark", "address", notifyTo))
                .when().post("/api/v1/email/subscribe").then().statusCode(200).body("updated", equalTo(false));
        Map<String, Object> confirmation = await().atMost(WAIT).ignoreExceptions()
                .until(() -> mails(notifyTo, ""), list -> !list.isEmpty()).get(0);
        String token = link(Pattern.compile("(?m)^([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)\\s*$"),
                text(confirmation));
        remark(alice).contentType(ContentType.JSON).body(Map.of("site", "remark", "token", token))
                .when().post("/api/v1/email/confirm").then().statusCode(200).body("address", equalTo(notifyTo));
        remark(alice).contentType(ContentType.JSON).body(Map.of("site", "remark", "address", notifyTo))
                .when().post("/api/v1/email/subscribe").then().statusCode(409).body("code", equalTo(17));
        remark(bob).when().get("/api/v1/email").then().statusCode(403);

        String url = "https://blog.example.com/notify/" + UUID.randomUUID();
        String root = remark(alice).contentType(ContentType.JSON)
                .body(Map.of("text", "Alice asks.", "locator", Map.of("site", "remark", "url", url)))
                .when().post("/api/v1/comment").then().statusCode(201).extract().jsonPath().getString("id");
        String reply = remark(bob).contentType(ContentType.JSON)
                .body(Map.of("text", "Bob answers.", "pid", root, "locator", Map.of("site", "remark", "url", url)))
                .when().post("/api/v1/comment").then().statusCode(201).extract().jsonPath().getString("id");
        Map<String, Object> mail = awaitMail(notifyTo, url + "#remark42__comment-" + reply);
        assertTrue(((String) mail.get("subject")).startsWith("New reply to your comment"), (String) mail.get("subject"));
        assertTrue(text(mail).contains("Bob answers."), text(mail));

        String unsubscribe = header(mail, "List-Unsubscribe").replaceAll("[<>]", "");
        assertTrue(unsubscribe.startsWith(stack.gatewayUrl() + "/email/unsubscribe.html?site=remark&tkn="), unsubscribe);
        given().urlEncodingEnabled(false).header("X-Forwarded-For", Isso.freshVisitor()).when().get(unsubscribe)
                .then().statusCode(200).contentType(containsString("text/html"));
        remark(alice).when().get("/api/v1/email").then().statusCode(200).body("address", equalTo(""));
    }

    /** A Remark42 request of a signed-in user from a fresh client network (the gateway limits e-mail routes per network). */
    private io.restassured.specification.RequestSpecification remark(Logins.Session session) {
        return session.byHeader(given().baseUri(stack.gatewayUrl()).header("X-Forwarded-For", Isso.freshVisitor())
                .queryParam("site", "remark"));
    }

    /** A reader who asked for replies, and a replier whose address is approved (so replies publish at once). */
    private Conversation conversation(String name) {
        String uri = Isso.freshUri(name);
        String reader = address("reader");
        String replier = address("replier");
        long parent = approved(uri, comment("Waiting for answers.", reader, null, true));
        approved(uri, comment("Warm-up answer.", replier, parent, false));
        return new Conversation(uri, reader, replier, parent);
    }

    private final class Conversation {
        final String uri;
        final String reader;
        final String replier;
        final long parent;

        Conversation(String uri, String reader, String replier, long parent) {
            this.uri = uri;
            this.reader = reader;
            this.replier = replier;
            this.parent = parent;
        }

        long answer(String text) {
            return post(uri, comment(text, replier, parent, false), 201);
        }
    }

    private void assertEachMailedOnce(String reader, List<Long> replies) {
        for (long reply : replies) {
            awaitMail(reader, "#isso-" + reply);
        }
        // Redeliveries or a second sender would show up within this time.
        sleep(Duration.ofSeconds(3));
        for (long reply : replies) {
            assertEquals(1, mails(reader, "#isso-" + reply).size(), "mails about reply " + reply);
        }
    }

    // ---- helpers

    private static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Map<String, Object> comment(String text, String email, Long parent, boolean notify) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        body.put("author", "Notify Tester");
        body.put("email", email);
        body.put("title", "Notification thread");
        body.put("notification", notify ? 1 : 0);
        if (parent != null) {
            body.put("parent", parent);
        }
        return body;
    }

    private long post(String uri, Map<String, Object> body, int status) {
        Response response = isso.post(uri, body);
        response.then().statusCode(status);
        return response.jsonPath().getLong("id");
    }

    /** Posts a comment as an author whose first comment is activated through the admin mail. */
    private long approved(String uri, Map<String, Object> body) {
        Response response = isso.post(uri, body);
        long id = response.jsonPath().getLong("id");
        if (response.statusCode() == 202) {
            given().urlEncodingEnabled(false).when().post(link(ACTIVATE, text(awaitMail(admin, "#isso-" + id))))
                    .then().statusCode(200);
        } else {
            response.then().statusCode(201);
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mails(String to, String marker) {
        List<Map<String, Object>> all = given().baseUri(stack.mailApiUrl()).when().get("/api/messages")
                .then().statusCode(200).extract().jsonPath().getList(".");
        return all.stream()
                .filter(m -> ((List<String>) m.get("to")).stream().anyMatch(t -> t.contains(to)))
                .filter(m -> text(m).contains(marker + "\n") || text(m).contains(marker + "\r\n"))
                .toList();
    }

    private Map<String, Object> awaitMail(String to, String marker) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> mails(to, marker), list -> !list.isEmpty()).get(0);
    }

    private static String text(Map<String, Object> mail) {
        return String.valueOf(mail.get("text"));
    }

    @SuppressWarnings("unchecked")
    private static String header(Map<String, Object> mail, String name) {
        List<String> values = ((Map<String, List<String>>) mail.get("headers")).get(name);
        return values == null ? null : values.get(0);
    }

    private static String link(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), "no " + pattern + " in " + text);
        return matcher.group(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
