package io.parley.comments.service;

import io.parley.events.comments.CommentState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Remark42's ordering, pruning and paging of {@code /find}. */
class RemarkThreadsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Comment {@code id} created {@code minute} minutes after T0, replying to {@code replyTo} under root {@code root}. */
    static RemarkComment c(long id, int minute, Long root, Long replyTo, int likes, int dislikes, boolean deleted) {
        return new RemarkComment(id, root, replyTo, deleted ? CommentState.DELETED_PLACEHOLDER : CommentState.PUBLISHED,
                "t" + id, "<p>t" + id + "</p>", "n", "h", "u" + id, null, false, T0.plusSeconds(60L * minute), null,
                null, false, likes, dislikes, "remark", "/p", null, null, false);
    }

    static List<RemarkComment> sample() {
        List<RemarkComment> all = new ArrayList<>();
        all.add(c(1, 0, null, null, 1, 0, false));   // score 1
        all.add(c(2, 1, null, null, 5, 2, false));   // score 3, controversy 7^(2/5)
        all.add(c(3, 2, null, null, 3, 0, false));   // score 3 (tie with 2, newer)
        all.add(c(11, 10, 1L, 1L, 0, 0, false));     // reply to 1
        all.add(c(12, 5, 1L, 11L, 0, 0, false));     // reply to reply (older than its parent on purpose)
        all.add(c(31, 3, 3L, 3L, 0, 0, false));
        all.add(c(4, 4, null, null, 0, 0, true));    // deleted root with a deleted reply only: dropped
        all.add(c(41, 6, 4L, 4L, 0, 0, true));
        all.add(c(5, 7, null, null, 0, 0, true));    // deleted root with a live reply: kept
        all.add(c(51, 8, 5L, 5L, 0, 0, false));
        return all;
    }

    static List<Long> roots(RemarkThreads.Tree tree) {
        return tree.nodes().stream().map(n -> n.comment().id()).toList();
    }

    @Test
    void treeSortsOnlyRootsAndKeepsRepliesOldestFirst() {
        RemarkThreads.Tree tree = RemarkThreads.tree(sample(), RemarkSort.parse("-time"), 0, null);
        assertEquals(List.of(5L, 3L, 2L, 1L), roots(tree));
        RemarkThreads.Node first = tree.nodes().get(3);
        assertEquals(11L, first.replies().get(0).comment().id());
        assertEquals(12L, first.replies().get(0).replies().get(0).comment().id());
        assertEquals(7, tree.info().count());
        assertEquals(0, tree.info().countLeft());
        assertNull(tree.info().lastComment());
    }

    @Test
    void scoreTiesGoToTheOlderCommentBothWays() {
        assertEquals(List.of(2L, 3L, 1L, 5L), roots(RemarkThreads.tree(sample(), RemarkSort.parse("-score"), 0, null)));
        assertEquals(List.of(5L, 1L, 2L, 3L), roots(RemarkThreads.tree(sample(), RemarkSort.parse("+score"), 0, null)));
        // A leading space is a '+' that URL decoding turned into a space.
        assertEquals(List.of(5L, 1L, 2L, 3L), roots(RemarkThreads.tree(sample(), RemarkSort.parse(" score"), 0, null)));
        assertEquals(List.of(2L, 1L, 3L, 5L),
                roots(RemarkThreads.tree(sample(), RemarkSort.parse("-controversy"), 0, null)));
    }

    @Test
    void activeSortsThreadsByTheirNewestVisibleReply() {
        // Newest replies: 1 → 10 min, 5 → 8, 3 → 3, 2 → none (its own 1).
        assertEquals(List.of(1L, 5L, 3L, 2L), roots(RemarkThreads.tree(sample(), RemarkSort.parse("-active"), 0, null)));
        assertEquals(List.of(2L, 3L, 5L, 1L), roots(RemarkThreads.tree(sample(), RemarkSort.parse("active"), 0, null)));
    }

    @Test
    void unknownSortIsAscendingTime() {
        assertEquals(List.of(1L, 2L, 3L, 5L), roots(RemarkThreads.tree(sample(), RemarkSort.parse("bogus"), 0, null)));
    }

    @Test
    void treeLimitTakesWholeThreadsAfterTheOffsetThread() {
        // Ascending time: 1 (3 comments), 2 (1), 3 (2), 5 (2).
        RemarkThreads.Tree first = RemarkThreads.tree(sample(), RemarkSort.DEFAULT, 2, null);
        assertEquals(List.of(1L), roots(first)); // the first thread is whole even above the limit
        assertEquals(5, first.info().countLeft());
        assertEquals(1L, first.info().lastComment());
        RemarkThreads.Tree next = RemarkThreads.tree(sample(), RemarkSort.DEFAULT, 3, 1L);
        assertEquals(List.of(2L, 3L), roots(next));
        assertEquals(2, next.info().countLeft());
        assertEquals(3L, next.info().lastComment());
    }

    @Test
    void plainListsEverythingSortedWithDeletedAndPages() {
        RemarkThreads.Plain all = RemarkThreads.plain(sample(), RemarkSort.DEFAULT, null, 0, null);
        assertEquals(List.of(1L, 2L, 3L, 31L, 4L, 12L, 41L, 5L, 51L, 11L),
                all.comments().stream().map(RemarkComment::id).toList());
        RemarkThreads.Plain page = RemarkThreads.plain(sample(), RemarkSort.DEFAULT, null, 3, 3L);
        assertEquals(List.of(31L, 4L, 12L), page.comments().stream().map(RemarkComment::id).toList());
        assertEquals(4, page.info().countLeft());
        assertEquals(12L, page.info().lastComment());
        assertEquals(7, page.info().count());
    }

    @Test
    void plainSinceKeepsStrictlyNewerAndRecounts() {
        long since = T0.plusSeconds(60L * 7).toEpochMilli();
        RemarkThreads.Plain newer = RemarkThreads.plain(sample(), RemarkSort.DEFAULT, since, 0, null);
        assertEquals(List.of(51L, 11L), newer.comments().stream().map(RemarkComment::id).toList());
        assertEquals(2, newer.info().count());
    }

    @Test
    void replyWhoseExactParentIsGoneHangsOnItsRoot() {
        List<RemarkComment> rows = List.of(c(1, 0, null, null, 0, 0, false), c(12, 1, 1L, 99L, 0, 0, false));
        RemarkThreads.Tree tree = RemarkThreads.tree(rows, RemarkSort.DEFAULT, 0, null);
        assertEquals(12L, tree.nodes().get(0).replies().get(0).comment().id());
    }

    @Test
    void controversyFollowsRemark42() {
        assertEquals(0.0, c(1, 0, null, null, 3, 0, false).controversy());
        assertEquals(Math.pow(7, 2.0 / 5), c(1, 0, null, null, 5, 2, false).controversy(), 1e-12);
    }
}
