package io.parley.feed.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentState;
import io.parley.feed.service.StoredComment;

/** The stored shape of a comment: exact times, no private field, keyed by site and comment id. */
class CommentDocumentTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T12:00:00.123456Z");

    @Test
    void roundTripsWithMicrosecondTimes() {
        StoredComment comment = new StoredComment("remark", "/p/", 42, 7L, CommentState.PUBLISHED, "Ada", null, "f00d",
                null, "hi", "<p>hi</p>", null, CREATED, CREATED.plusNanos(1_000), 3);

        Document document = CommentRepository.toDocument(comment);

        assertEquals("remark|42", document.get("_id"));
        assertEquals(1_795_435_200_123_456L, document.get("created"));
        assertEquals(comment, CommentRepository.toComment(document));
        String json = document.toJson();
        assertFalse(json.contains("email"), json);
        assertFalse(json.contains("clientNetwork"), json);
    }

    @Test
    void topLevelCommentHasANullParentAndNoModifiedTime() {
        StoredComment comment = new StoredComment("s", "/p/", 1, null, CommentState.DELETED, null, null, null, null,
                "", "", null, Instant.EPOCH.minusNanos(1_000), null, 2);

        StoredComment read = CommentRepository.toComment(CommentRepository.toDocument(comment));

        assertEquals(comment, read);
        assertEquals(Instant.EPOCH.minusNanos(1_000), CommentRepository.instant(CommentRepository.micros(read.created())));
    }
}
