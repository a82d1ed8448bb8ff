package io.parley.notify.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.notify.repository.Delivery;
import io.parley.notify.repository.DeliveryRepository;
import io.parley.notify.repository.DeliveryState;
import io.parley.notify.repository.MongoStore;
import io.parley.notify.support.Events;
import io.parley.notify.support.Mailbox;
import io.parley.stack.MailCatcher;
import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The delivery engine against the real SMTP catcher: outages, retries, dead letters, interrupted sends and the
 * per-recipient limit (test profile: 8 tries, 200 ms doubling up to 1 s, 4 mails per recipient and minute).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    MongoStore store;

    private Events events;

    @BeforeAll
    void connect() {
        events = new Events(bootstrap);
    }

    @AfterAll
    void close() {
        events.close();
    }

    @AfterEach
    void smtpBackUp() {
        smtp().start();
    }

    private static MailCatcher smtp() {
        return LocalInfrastructure.current().mail();
    }

    /** A parent who asked for replies; returns its address. */
    private String parentWantingReplies(String uri, long parent) {
        String address = Mailbox.fresh("parent");
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", uri,
                Events.isso(parent, null, CommentState.PUBLISHED, "Parent", address, true, 1), "k"));
        return address;
    }

    private String reply(String uri, long parent, String email, boolean wantsReplies) {
        return events.send(CommentEventTypes.POSTED, new CommentPosted("remark", uri,
                Events.isso(Events.nextId(), parent, CommentState.PUBLISHED, "Replier", email, wantsReplies, 1), "k"));
    }

    private List<Delivery> log(String eventId) {
        return deliveries.byEvent(eventId).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void mailsQueuedWhileSmtpIsDownArriveExactlyOnceWhenItIsBack() {
        long parent = Events.nextId();
        String uri = "/outage/" + parent + "/";
        smtp().stop();
        String parentMail = parentWantingReplies(uri, parent);
        String first = reply(uri, parent, Mailbox.fresh("r1"), false);
        String second = reply(uri, parent, Mailbox.fresh("r2"), false);
        // Retried with backoff, not lost and not dead yet.
        await().atMost(WAIT).until(() -> log(second).stream().anyMatch(d -> d.attempts() >= 2
                && d.state() == DeliveryState.PENDING && d.recipient().equals(parentMail)));
        smtp().start();

        await().atMost(WAIT).until(() -> Mailbox.to(parentMail).size() == 2);
        await().atMost(WAIT).until(() -> log(first).stream().allMatch(d -> d.state() == DeliveryState.SENT)
                && log(second).stream().allMatch(d -> d.state() == DeliveryState.SENT));
        assertEquals(2, Mailbox.to(parentMail).size());
    }

    @Test
    void lastFailedTryLeavesADeadLetterAndTheMailIsNeverSentLater() {
        long parent = Events.nextId();
        String uri = "/dead/" + parent + "/";
        smtp().stop();
        String parentMail = parentWantingReplies(uri, parent);
        String event = reply(uri, parent, null, false);
        await().atMost(WAIT).until(() -> log(event).stream()
                .anyMatch(d -> d.recipient().equals(parentMail) && d.state() == DeliveryState.DEAD));
        Delivery dead = log(event).stream().filter(d -> d.recipient().equals(parentMail)).findFirst().orElseThrow();
        assertEquals(8, dead.attempts());
        assertTrue(dead.lastError() != null && !dead.lastError().contains(parentMail), dead.lastError());
        smtp().start();

        // Anything sent later (the admin mails of later events) overtakes nothing: the dead one stays dead.
        String marker = reply(uri, parent, null, false);
        await().atMost(WAIT).until(() -> log(marker).stream().allMatch(d -> d.state() == DeliveryState.SENT));
        assertEquals(1, Mailbox.to(parentMail).size());
    }

    @Test
    void aSendInterruptedByACrashIsNotRepeated() {
        String address = Mailbox.fresh("interrupted");
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        store.collection("deliveries").insertOne(new Document("_id", "crashed-event|" + address)
                        .append("eventId", "crashed-event").append("recipient", address).append("kind", "isso-reply")
                        .append("rateLimited", true).append("subject", "s").append("text", "t").append("html", "<p>t</p>")
                        .append("state", "SENDING").append("attempts", 0).append("due", Date.from(longAgo))
                        .append("claimedAt", Date.from(longAgo)))
                .await().atMost(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> log("crashed-event").get(0).state() == DeliveryState.DEAD);
        assertTrue(log("crashed-event").get(0).lastError().contains("interrupted"));
        assertEquals(0, Mailbox.to(address).size());
    }

    @Test
    void aBusyRecipientIsLimitedWithoutHoldingUpOthers() {
        long parent = Events.nextId();
        String uri = "/limit/" + parent + "/";
        String busy = parentWantingReplies(uri, parent);
        reply(uri, parent, null, false);
        reply(uri, parent, null, false);
        String other = Mailbox.fresh("other");
        events.send(CommentEventTypes.POSTED, new CommentPosted("remark", uri,
                Events.isso(Events.nextId(), parent, CommentState.PUBLISHED, "Other", other, true, 1), "k"));
        String last = null;
        for (int i = 0; i < 3; i++) {
            last = reply(uri, parent, null, false);
        }
        // "busy" is due six mails this minute and gets four (the limit); "other" gets its three all the same.
        String lastEvent = last;
        await().atMost(WAIT).until(() -> Mailbox.to(other).size() == 3 && Mailbox.to(busy).size() == 4);
        await().atMost(WAIT).until(() -> log(lastEvent).stream().filter(d -> d.recipient().equals(busy))
                .allMatch(d -> d.state() == DeliveryState.PENDING && d.due().isAfter(Instant.now())));
        assertEquals(4, Mailbox.to(busy).size());
    }
}
