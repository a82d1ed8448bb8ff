package io.parley.feed.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentState;

class StoredCommentTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T12:00:00.123456Z");

    @Test
    void keepsThePublicPartOnly() {
        CommentAuthor author = new CommentAuthor("Ada &amp; Co", "github_1", "ada@example.com", "https://ada.example",
                "f00d", "192.168.1.0", true);
        CommentData data = new CommentData(42, 7L, CommentState.PUBLISHED, author, "*hi*", "<p><em>hi</em></p>",
                "A post", CREATED, CREATED.plusSeconds(60), 3);

        StoredComment stored = StoredComment.of(new CommentEdited("remark", "https://blog.example.com/p/", data));

        assertEquals(new StoredComment("remark", "https://blog.example.com/p/", 42, 7L, CommentState.PUBLISHED,
                "Ada &amp; Co", "https://ada.example", "f00d", "github_1", "*hi*", "<p><em>hi</em></p>", "A post",
                CREATED, CREATED.plusSeconds(60), 3), stored);
        assertFalse(stored.toString().contains("ada@example.com"));
        assertFalse(stored.toString().contains("192.168.1.0"));
        assertEquals(CREATED.plusSeconds(60), stored.updated());
    }

    @Test
    void deletedCommentStaysAsATombstone() {
        CommentData data = new CommentData(5, null, CommentState.DELETED, null, "", "", null, CREATED, null, 2);

        StoredComment stored = StoredComment.of(new CommentDeleted("remark", "/p/", data));

        assertEquals(CommentState.DELETED, stored.state());
        assertEquals(2, stored.version());
        assertNull(stored.authorName());
        assertEquals(CREATED, stored.updated());
    }
}
