package io.parley.notify.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentState;
import io.parley.notify.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The language of the mails is configuration: German words, same links and structure. */
@QuarkusTest
@TestProfile(GermanMailTest.German.class)
class GermanMailTest {

    public static class German implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.notify.language", "de", "parley.notify.excerpt-length", "10");
        }
    }

    @Inject
    MailComposer composer;

    @Test
    void replyAndAdminMailsInGerman() {
        CommentData comment = Events.isso(7, 3L, CommentState.PENDING, "Jörg", "j@example.com", false, 1);
        ComposedMail reply = composer.reply(comment, false, "https://blog.example/p/#isso-7", "https://x/unsub");
        assertEquals("Re: Neuer Kommentar zu A & B", reply.subject());
        assertTrue(reply.text().startsWith("Jörg schrieb:\n\nText of co…\n"), reply.text());
        assertTrue(reply.text().contains("Benachrichtigungen für diese Unterhaltung abbestellen: https://x/unsub"));
        assertTrue(reply.html().contains("<html lang=\"de\">") && reply.html().contains("href=\"https://x/unsub\""));

        ComposedMail remark = composer.reply(comment, true, "u", "v");
        assertEquals("Neue Antwort auf Ihren Kommentar zu „A & B“", remark.subject());

        ComposedMail admin = composer.admin(comment, "https://blog.example/p/#isso-7", "D", "A");
        assertEquals("Neuer Kommentar zu A & B", admin.subject());
        assertTrue(admin.text().contains("Kommentar freischalten: A") && admin.text().contains("Kommentar löschen: D"));
        assertTrue(admin.text().contains("IP-Adresse: 192.168.1.0"));
    }
}
