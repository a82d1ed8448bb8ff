package io.parley.notify.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentModerated;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.notify.support.Events;
import io.parley.notify.support.Infrastructure;
import io.parley.notify.support.Mailbox;
import io.quarkus.test.junit.QuarkusTest;

/** Isso's mails (spec §11) and unsubscribe links (§3.14), from real events to the real SMTP catcher. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssoNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN = "moderator@example.org";
    private static final Pattern UNSUBSCRIBE = Pattern.compile("http://\\S+/id/(\\d+)/unsubscribe/(\\S+)/(\\S+)");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private Events events;

    @BeforeAll
    void connect() {
        events = new Events(bootstrap);
        Infrastructure.class.getName();
    }

    @AfterAll
    void close() {
        events.close();
    }

    private String post(String uri, CommentData comment, String key) {
        return events.send(CommentEventTypes.POSTED, new CommentPosted("remark", uri, comment, key));
    }

    @Test
    void adminMailCarriesModerationLinksAndTheComment() {
        long id = Events.nextId();
        String author = Mailbox.fresh("writer");
        post("/admin-mail/" + id + "/", Events.isso(id, null, CommentState.PENDING, "Ann &lt;3", author, false, 1),
                "MODKEY" + id);

        Map<String, Object> mail = await().atMost(WAIT).until(() -> Mailbox.to(ADMIN).stream()
                .filter(m -> String.valueOf(m.get("text")).contains("/id/" + id + "/delete/")).findFirst().orElse(null),
                m -> m != null);
        assertEquals("New comment posted on A & B", mail.get("subject"));
        String text = (String) mail.get("text");
        assertTrue(text.startsWith("Ann <3 <" + author + "> wrote:"), text);
        assertTrue(text.contains("Text of comment " + id));
        assertTrue(text.contains("IP address: 192.168.1.0"));
        assertTrue(text.contains("Link to comment: http://localhost:8080/admin-mail/" + id + "/#isso-" + id), text);
        assertTrue(text.contains("Delete comment: http://localhost:8080/id/" + id + "/delete/MODKEY" + id));
        assertTrue(text.contains("Activate comment: http://localhost:8080/id/" + id + "/activate/MODKEY" + id));
        String html = (String) mail.get("html");
        assertTrue(html.contains("Ann &lt;3"), html);
        assertTrue(html.contains("/id/" + id + "/activate/MODKEY" + id));
    }

    @Test
    void replyMailsFollowIssoRulesOnceEachAndNeverTheWriter() {
        long parent = Events.nextId();
        String uri = "/replies/" + parent + "/";
        String parentMail = Mailbox.fresh("parent");
        String sibling = Mailbox.fresh("sibling");
        String quiet = Mailbox.fresh("quiet");
        String writer = Mailbox.fresh("writer");
        post(uri, Events.isso(parent, null, CommentState.PUBLISHED, "Parent", parentMail, true, 1), "k");
        long s1 = Events.nextId();
        post(uri, Events.isso(s1, parent, CommentState.PUBLISHED, "Sibling", sibling, true, 1), "k");
        long s2 = Events.nextId();
        post(uri, Events.isso(s2, parent, CommentState.PUBLISHED, "Quiet", quiet, false, 1), "k");
        long s3 = Events.nextId();
        // The writer's own earlier reply asked for mail: a writer is never told about their own reply.
        post(uri, Events.isso(s3, parent, CommentState.PUBLISHED, "Writer", writer, true, 1), "k");
        long s4 = Events.nextId();
        // Same address as the parent, different case: one mail per address.
        post(uri, Events.isso(s4, parent, CommentState.PUBLISHED, "Parent again", parentMail.toUpperCase(), true, 1), "k");
        await().atMost(WAIT).until(() -> Mailbox.to(parentMail).size() == 3 && Mailbox.to(sibling).size() == 3);

        long reply = Events.nextId();
        CommentData replyData = Events.isso(reply, parent, CommentState.PUBLISHED, "Writer", writer, true, 1);
        String eventId = post(uri, replyData, "k");
        await().atMost(WAIT).until(() -> Mailbox.to(parentMail).size() == 4 && Mailbox.to(sibling).size() == 4);
        // The same event again (a redelivery): nothing new.
        events.send(eventId, CommentEventTypes.POSTED, new CommentPosted("remark", uri, replyData, "k"));
        long marker = Events.nextId();
        String markerMail = Mailbox.fresh("marker");
        post("/marker/" + marker + "/", Events.isso(marker, null, CommentState.PUBLISHED, "M", markerMail, false, 1), "k");
        await().atMost(WAIT).until(() -> Mailbox.to(ADMIN).stream()
                .anyMatch(m -> String.valueOf(m.get("text")).contains("/id/" + marker + "/delete/")));

        assertEquals(4, Mailbox.to(parentMail).size());
        assertEquals(4, Mailbox.to(sibling).size());
        assertEquals(0, Mailbox.to(quiet).size());
        // Told once, about the later reply of another writer, never about their own.
        assertEquals(1, Mailbox.to(writer).size());
        Map<String, Object> mail = Mailbox.to(sibling).get(3);
        assertEquals("Re: New comment posted on A & B", mail.get("subject"));
        String text = (String) mail.get("text");
        assertTrue(text.contains("Writer wrote:") && !text.contains(writer), text);
        assertTrue(text.contains("#isso-" + reply), text);
        Matcher link = UNSUBSCRIBE.matcher(text);
        assertTrue(link.find(), text);
        assertEquals(String.valueOf(parent), link.group(1));
        assertEquals("<" + link.group() + ">", Mailbox.header(mail, "List-Unsubscribe"));
        assertTrue(((String) mail.get("html")).contains(link.group().replace("&", "&amp;")));
    }

    @Test
    void importedCommentsMailNobody() {
        long parent = Events.nextId();
        String uri = "/imported/" + parent + "/";
        String parentMail = Mailbox.fresh("imported-parent");
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", uri,
                Events.isso(parent, null, CommentState.PUBLISHED, "Old", parentMail, true, 1), null, true));
        long reply = Events.nextId();
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", uri,
                Events.isso(reply, parent, CommentState.PUBLISHED, "Older", Mailbox.fresh("imported-reply"), true, 1),
                null, true));
        // A live comment after them on the same post (same partition, so handled after them).
        long marker = Events.nextId();
        post(uri, Events.isso(marker, null, CommentState.PUBLISHED, "M", Mailbox.fresh("m"), false, 1), "k");
        await().atMost(WAIT).until(() -> Mailbox.to(ADMIN).stream()
                .anyMatch(m -> String.valueOf(m.get("text")).contains("/id/" + marker + "/delete/")));

        assertEquals(0, Mailbox.to(parentMail).size(), "no reply mail about an imported reply");
        assertTrue(Mailbox.to(ADMIN).stream().noneMatch(m -> String.valueOf(m.get("text")).contains("#isso-" + parent)
                || String.valueOf(m.get("text")).contains("#isso-" + reply)), "no admin mail about imports");
    }

    @Test
    void unsubscribeLinkStopsMailsForTheConversationOnly() {
        long parent = Events.nextId();
        String uri = "/unsubscribe/" + parent + "/";
        String reader = Mailbox.fresh("reader");
        post(uri, Events.isso(parent, null, CommentState.PUBLISHED, "Reader", reader, true, 1), "k");
        post(uri, Events.isso(Events.nextId(), parent, CommentState.PUBLISHED, "Other", null, false, 1), "k");
        Map<String, Object> first = await().atMost(WAIT).until(() -> Mailbox.to(reader).stream().findFirst().orElse(null),
                m -> m != null);
        URI link = URI.create(Mailbox.header(first, "List-Unsubscribe").replaceAll("[<>]", ""));
        String path = link.getRawPath();

        // Tampered, foreign and expired keys are refused; an unknown comment is 404.
        given().urlEncodingEnabled(false).when().get(path + "x").then().statusCode(403);
        given().urlEncodingEnabled(false).when().get(path.replace("/id/" + parent + "/", "/id/" + parent + "/").replace(
                path.substring(path.lastIndexOf('/') + 1), expiredKey(reader))).then().statusCode(403);
        String otherAddress = path.replace(LinkTokens.quote(reader), LinkTokens.quote("someone@example.com"));
        given().urlEncodingEnabled(false).when().get(otherAddress).then().statusCode(403);
        given().urlEncodingEnabled(false).when().get(path.replace("/id/" + parent + "/", "/id/999999999999/")).then().statusCode(404);
        given().urlEncodingEnabled(false).when().get(path.replace("/id/" + parent + "/", "/id/abc/")).then().statusCode(404);

        given().urlEncodingEnabled(false).when().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Successfully unsubscribed"));

        post(uri, Events.isso(Events.nextId(), parent, CommentState.PUBLISHED, "Third", null, false, 1), "k");
        // A mail in another conversation still arrives, and it is sent after the one that must not be.
        long otherThread = Events.nextId();
        post("/unsubscribe-other/" + otherThread + "/",
                Events.isso(otherThread, null, CommentState.PUBLISHED, "Reader", reader, true, 1), "k");
        long otherReply = Events.nextId();
        post("/unsubscribe-other/" + otherThread + "/",
                Events.isso(otherReply, otherThread, CommentState.PUBLISHED, "X", null, false, 1), "k");
        await().atMost(WAIT).until(() -> Mailbox.to(reader).size() >= 2);
        List<Map<String, Object>> mails = Mailbox.to(reader);
        assertEquals(2, mails.size());
        assertTrue(String.valueOf(mails.get(1).get("text")).contains("#isso-" + otherReply));
    }

    @Test
    void activatingAPendingReplyNotifiesAndPendingRepliesDoNot() {
        long parent = Events.nextId();
        String uri = "/pending/" + parent + "/";
        String reader = Mailbox.fresh("reader");
        post(uri, Events.isso(parent, null, CommentState.PUBLISHED, "Reader", reader, true, 1), "k");
        long reply = Events.nextId();
        post(uri, Events.isso(reply, parent, CommentState.PENDING, "Late", null, false, 1), "k");
        await().atMost(WAIT).until(() -> Mailbox.to(ADMIN).stream()
                .anyMatch(m -> String.valueOf(m.get("text")).contains("/id/" + reply + "/activate/")));
        assertEquals(0, Mailbox.to(reader).size());

        events.send(CommentEventTypes.MODERATED, new CommentModerated("remark", uri,
                Events.isso(reply, parent, CommentState.PUBLISHED, "Late", null, false, 2)));
        Map<String, Object> mail = await().atMost(WAIT).until(() -> Mailbox.to(reader).stream().findFirst().orElse(null),
                m -> m != null);
        assertTrue(String.valueOf(mail.get("text")).contains("#isso-" + reply));
        assertNotNull(Mailbox.header(mail, "List-Unsubscribe"));
        assertFalse(String.valueOf(mail.get("text")).contains("IP address"));
    }

    private static String expiredKey(String email) {
        return new LinkSigner("test-link-secret").sign(List.of("unsubscribe", email),
                Instant.now().minus(Duration.ofDays(91)));
    }
}
