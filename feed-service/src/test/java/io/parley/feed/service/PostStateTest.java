package io.parley.feed.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentModerated;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.events.comments.PostUpdated;

class PostStateTest {

    private static final String SITE = "remark";
    private static final String URL = "https://blog.example.com/post/";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void countsPublishedCommentsAndTracksFirstAndLastTime() {
        PostState state = applyAll(PostState.empty(SITE, URL),
                posted(1, CommentState.PUBLISHED, 1, 10),
                posted(2, CommentState.PUBLISHED, 1, 5),
                posted(3, CommentState.PUBLISHED, 1, 20));

        assertEquals(3, state.count());
        assertEquals(T0.plusSeconds(5), state.firstTime());
        assertEquals(T0.plusSeconds(20), state.lastTime());
        assertEquals("Title", state.title());
        assertEquals(false, state.readOnly());
    }

    @Test
    void redeliveryChangesNothing() {
        CommentEvent event = posted(1, CommentState.PUBLISHED, 1, 0);
        PostState once = PostState.empty(SITE, URL).apply(event).orElseThrow();

        assertEquals(Optional.empty(), once.apply(event));
        assertEquals(1, once.count());
    }

    @Test
    void fullReplayOfAlreadyAppliedEventsChangesNothing() {
        List<CommentEvent> history = List.of(
                posted(1, CommentState.PUBLISHED, 1, 0),
                posted(2, CommentState.PENDING, 1, 1),
                event(CommentModerated::new, 2, CommentState.PUBLISHED, 2, 1),
                event(CommentDeleted::new, 1, CommentState.DELETED, 2, 0));
        PostState state = applyAll(PostState.empty(SITE, URL), history.toArray(CommentEvent[]::new));

        for (CommentEvent event : history) {
            assertEquals(Optional.empty(), state.apply(event));
        }
        assertEquals(1, state.count());
    }

    @Test
    void olderVersionArrivingLateIsIgnored() {
        PostState deleted = applyAll(PostState.empty(SITE, URL),
                posted(1, CommentState.PUBLISHED, 1, 0),
                event(CommentDeleted::new, 1, CommentState.DELETED, 3, 0));

        // An edit (version 2) replayed after the delete (version 3) must not bring the comment back.
        assertEquals(Optional.empty(), deleted.apply(event(CommentEdited::new, 1, CommentState.PUBLISHED, 2, 0)));
        assertEquals(0, deleted.count());
    }

    @Test
    void newerVersionFirstThenOlderStillEndsAtNewest() {
        PostState state = applyAll(PostState.empty(SITE, URL),
                event(CommentDeleted::new, 1, CommentState.DELETED, 2, 0),
                posted(1, CommentState.PUBLISHED, 1, 0));

        assertEquals(0, state.count());
        assertEquals(2, state.comments().get(1L).version());
    }

    @Test
    void deletesAndPlaceholdersAreNotCounted() {
        PostState state = applyAll(PostState.empty(SITE, URL),
                posted(1, CommentState.PUBLISHED, 1, 0),
                posted(2, CommentState.PUBLISHED, 1, 30),
                posted(3, CommentState.PUBLISHED, 1, 60),
                event(CommentDeleted::new, 1, CommentState.DELETED_PLACEHOLDER, 2, 0),
                event(CommentDeleted::new, 3, CommentState.DELETED, 2, 60));

        assertEquals(1, state.count());
        assertEquals(T0.plusSeconds(30), state.firstTime());
        assertEquals(T0.plusSeconds(30), state.lastTime());
    }

    @Test
    void pendingCountsOnlyOnceActivated() {
        PostState pending = PostState.empty(SITE, URL).apply(posted(7, CommentState.PENDING, 1, 0)).orElseThrow();
        assertEquals(0, pending.count());
        assertNull(pending.firstTime());

        PostState published = pending.apply(event(CommentModerated::new, 7, CommentState.PUBLISHED, 2, 0))
                .orElseThrow();
        assertEquals(1, published.count());
        assertEquals(T0, published.firstTime());
    }

    @Test
    void allDeletedLeavesNoTimes() {
        PostState state = applyAll(PostState.empty(SITE, URL),
                posted(1, CommentState.PUBLISHED, 1, 0),
                event(CommentDeleted::new, 1, CommentState.DELETED, 2, 0));

        assertEquals(0, state.count());
        assertNull(state.firstTime());
        assertNull(state.lastTime());
        assertTrue(state.comments().containsKey(1L), "deleted comments stay as tombstones");
    }

    @Test
    void keepsKnownTitleWhenEventHasNone() {
        PostState titled = PostState.empty(SITE, URL).apply(posted(1, CommentState.PUBLISHED, 1, 0)).orElseThrow();
        CommentData untitled = new CommentData(2, null, CommentState.PUBLISHED, author(), "t", "<p>t</p>", null, T0,
                null, 1);

        assertEquals("Title", titled.apply(new CommentPosted(SITE, URL, untitled)).orElseThrow().title());
    }

    @Test
    void revisionIsLeftToTheStore() {
        PostState stored = new PostState(SITE, URL, null, false, java.util.Map.of(), 0, null, null, 0, false, 41);

        assertEquals(41, stored.apply(posted(1, CommentState.PUBLISHED, 1, 0)).orElseThrow().revision());
    }

    @Test
    void postUpdatesSetTitleAndReadOnlyByVersion() {
        PostState state = applyAll(PostState.empty(SITE, URL), posted(1, CommentState.PUBLISHED, 1, 0));
        PostState updated = state.apply(new PostUpdated(SITE, URL, "New title", true, 2)).orElseThrow();

        assertEquals("New title", updated.title());
        assertTrue(updated.readOnly());
        assertEquals(Optional.empty(), updated.apply(new PostUpdated(SITE, URL, "Old", false, 1)));
        assertEquals(Optional.empty(), updated.apply(new PostUpdated(SITE, URL, "New title", true, 2)));
        PostState writable = updated.apply(new PostUpdated(SITE, URL, null, false, 3)).orElseThrow();
        assertEquals("New title", writable.title(), "a null title keeps the known one");
        assertEquals(false, writable.readOnly());
    }

    @Test
    void versionIsTheSumOfAppliedVersionsWhateverTheOrder() {
        CommentEvent a = posted(1, CommentState.PUBLISHED, 1, 0);
        CommentEvent b = event(CommentEdited::new, 1, CommentState.PUBLISHED, 2, 0);
        CommentEvent c = posted(2, CommentState.PUBLISHED, 1, 5);
        PostUpdated update = new PostUpdated(SITE, URL, "T", false, 1);
        PostState forward = applyAll(PostState.empty(SITE, URL), a, b, c).apply(update).orElseThrow();
        PostState backward = applyAll(PostState.empty(SITE, URL).apply(update).orElseThrow(), c, b, a);

        assertEquals(4, forward.version());
        assertEquals(forward.version(), backward.version());
        assertEquals(forward.count(), backward.count());
        assertEquals(Long.valueOf(2), forward.latestCommentId());
    }

    @Test
    void onlyPublicChangesMarkTheInfoPending() {
        PostState published = PostState.empty(SITE, URL).apply(posted(1, CommentState.PUBLISHED, 1, 0))
                .orElseThrow();
        assertTrue(published.infoPending());
        PostState sent = published.published();
        PostState withPending = sent.apply(posted(2, CommentState.PENDING, 1, 9)).orElseThrow();
        assertEquals(false, withPending.infoPending(), "a pending comment changes nothing public");
        assertTrue(withPending.apply(event(CommentModerated::new, 2, CommentState.PUBLISHED, 2, 9)).orElseThrow()
                .infoPending());
        assertTrue(sent.apply(event(CommentEdited::new, 1, CommentState.PUBLISHED, 2, 0)).orElseThrow().infoPending(),
                "an edit of the newest comment is news");
    }

    private interface Factory {
        CommentEvent create(String site, String url, CommentData comment);
    }

    private static CommentEvent posted(long id, CommentState state, long version, long secondsAfterT0) {
        return event(CommentPosted::new, id, state, version, secondsAfterT0);
    }

    private static CommentEvent event(Factory factory, long id, CommentState state, long version,
                                      long secondsAfterT0) {
        CommentData data = new CommentData(id, null, state, author(), "text", "<p>text</p>", "Title",
                T0.plusSeconds(secondsAfterT0), null, version);
        return factory.create(SITE, URL, data);
    }

    private static CommentAuthor author() {
        return new CommentAuthor("Ada", null, null, null, "abc", null, false);
    }

    private static PostState applyAll(PostState start, CommentEvent... events) {
        PostState state = start;
        for (CommentEvent event : events) {
            state = state.apply(event).orElse(state);
        }
        return state;
    }
}
