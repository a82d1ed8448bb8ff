package io.parley.comments.service;

import io.parley.comments.repository.ThreadRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Isso's thread listing. One query loads the visible comments of the thread; counting, filtering, sorting and
 * paging happen in memory, reproducing Isso's SQL (including the quirks its client relies on).
 */
@ApplicationScoped
public class ThreadService {

    private static final Comparator<ThreadComment> OLDEST =
            Comparator.comparingLong(ThreadComment::createdMicros).thenComparingLong(ThreadComment::id);
    private static final Comparator<ThreadComment> NEWEST = OLDEST.reversed();
    private static final Comparator<ThreadComment> UPVOTES =
            Comparator.comparingInt((ThreadComment c) -> c.dislikes() - c.likes()).thenComparingLong(ThreadComment::id);

    @Inject
    ThreadRepository threads;

    public Uni<ThreadPage> fetch(ThreadQuery query) {
        if (query.uri().indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold U+0000, so no thread has such a key.
            return Uni.createFrom().item(page(List.of(), query));
        }
        return threads.visible(query.site(), query.uri()).map(rows -> page(rows, query));
    }

    /** The listing of {@code visible} (all mode 1/4 comments of the thread) for {@code query}. */
    static ThreadPage page(List<ThreadComment> visible, ThreadQuery query) {
        // Counts per parent over every visible comment; like Isso they ignore `after`.
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, List<ThreadComment>> listed = new HashMap<>();
        for (ThreadComment c : visible) {
            counts.merge(c.parentId(), 1, Integer::sum);
            if (c.createdMicros() > query.afterMicros()) {
                listed.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        if (query.parent() != null) {
            // Replies are always oldest first (Isso's ORDER BY puts created first for rows with a parent).
            List<ThreadComment> replies = page(listed.getOrDefault(query.parent(), List.of()), OLDEST,
                    query.limit(), query.offset());
            int total = counts.getOrDefault(query.parent(), 0);
            return new ThreadPage(query.parent(), total, total - replies.size() - query.offset(),
                    replies.stream().map(ThreadService::flat).toList());
        }
        List<ThreadComment> top = page(listed.getOrDefault(null, List.of()), order(query.sort()), query.limit(),
                query.offset());
        List<ThreadPage.Entry> entries = new ArrayList<>(top.size());
        for (ThreadComment c : top) {
            int total = counts.getOrDefault(c.id(), 0);
            List<ThreadComment> replies = total == 0 ? List.of() : nested(listed.getOrDefault(c.id(), List.of()), query);
            entries.add(new ThreadPage.Entry(c, true, total, total - replies.size(),
                    replies.stream().map(ThreadService::flat).toList()));
        }
        // [quirk, kept] the offset is subtracted even when it was ignored for lack of a limit.
        return new ThreadPage(null, visible.size(), counts.getOrDefault(null, 0) - top.size() - query.offset(),
                entries);
    }

    /** Replies of one top-level item: nested_limit from the start, or [quirk, kept] the top-level limit and offset. */
    private static List<ThreadComment> nested(List<ThreadComment> replies, ThreadQuery query) {
        if (query.nestedLimit() == null) {
            return page(replies, OLDEST, query.limit(), query.offset());
        }
        return query.nestedLimit() <= 0 ? List.of() : page(replies, OLDEST, query.nestedLimit(), 0);
    }

    /** Isso's {@code LIMIT ? OFFSET ?}: no limit → everything; a negative limit → everything after the offset. */
    private static List<ThreadComment> page(List<ThreadComment> rows, Comparator<ThreadComment> order, Integer limit,
            int offset) {
        if (limit != null && limit == 0) {
            return List.of();
        }
        List<ThreadComment> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        if (limit == null) {
            return sorted;
        }
        int from = Math.min(offset, sorted.size());
        int to = limit < 0 ? sorted.size() : (int) Math.min((long) from + limit, sorted.size());
        return sorted.subList(from, to);
    }

    private static Comparator<ThreadComment> order(ThreadQuery.Sort sort) {
        return switch (sort) {
            case OLDEST -> OLDEST;
            case NEWEST -> NEWEST;
            case UPVOTES -> UPVOTES;
        };
    }

    private static ThreadPage.Entry flat(ThreadComment c) {
        return new ThreadPage.Entry(c, false, 0, 0, List.of());
    }
}
