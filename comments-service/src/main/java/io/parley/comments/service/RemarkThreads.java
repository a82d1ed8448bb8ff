package io.parley.comments.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remark42's {@code /find} over the visible comments of one post (its {@code store/service/tree.go} and the
 * handler's paging), pure so it can be unit-tested. Comments come in any order.
 */
public final class RemarkThreads {

    private RemarkThreads() {
    }

    /** One comment and its replies, oldest first at every level. */
    public record Node(RemarkComment comment, List<Node> replies, Instant active, int size) {
    }

    /** What {@code /find} shows besides the comments (Remark42's PostInfo, and paging fields). */
    public record Info(int count, int countLeft, Long lastComment, Instant firstTime, Instant lastTime) {
    }

    public record Tree(List<Node> nodes, Info info) {
    }

    public record Plain(List<RemarkComment> comments, Info info) {
    }

    /**
     * Threads sorted by {@code sort} at the top level; deleted comments without a visible reply below them are
     * pruned. With {@code limit > 0}: whole threads after the thread of {@code offsetId} while the comments
     * returned stay within {@code limit}, the first always whole.
     */
    public static Tree tree(List<RemarkComment> visible, RemarkSort sort, int limit, Long offsetId) {
        Map<Long, List<RemarkComment>> children = new HashMap<>();
        List<RemarkComment> roots = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (RemarkComment c : visible) {
            ids.add(c.id());
        }
        for (RemarkComment c : visible) {
            Long parent = parentWithin(c, ids);
            if (c.pid() == null) {
                roots.add(c);
            } else if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(c);
            }
            // A reply whose parents are all gone from view is unreachable, as in Remark42's tree.
        }
        List<Node> threads = new ArrayList<>();
        for (RemarkComment root : roots) {
            Node node = node(root, children);
            if (node != null) {
                threads.add(node);
            }
        }
        threads.sort(threadOrder(sort));
        List<Node> page = afterOffset(threads, offsetId, n -> n.comment().id());
        List<Node> returned = page;
        if (limit > 0) {
            returned = new ArrayList<>();
            int total = 0;
            for (Node thread : page) {
                if (!returned.isEmpty() && total + thread.size() > limit) {
                    break;
                }
                returned.add(thread);
                total += thread.size();
            }
        }
        int left = 0;
        for (int i = returned.size(); i < page.size(); i++) {
            left += page.get(i).size();
        }
        Long last = limit > 0 && !returned.isEmpty() ? returned.get(returned.size() - 1).comment().id() : null;
        return new Tree(returned, info(visible, null, left, last));
    }

    /**
     * The flat list (deleted placeholders included): only comments newer than {@code sinceMillis} when it is not
     * null (then {@code count} is recomputed over the result), sorted, after {@code offsetId}, cut at {@code limit}.
     */
    public static Plain plain(List<RemarkComment> visible, RemarkSort sort, Long sinceMillis, int limit, Long offsetId) {
        List<RemarkComment> selected = new ArrayList<>();
        for (RemarkComment c : visible) {
            if (sinceMillis == null || c.created().toEpochMilli() > sinceMillis) {
                selected.add(c);
            }
        }
        selected.sort(sort.comments());
        List<RemarkComment> page = afterOffset(selected, offsetId, RemarkComment::id);
        List<RemarkComment> returned = limit > 0 && page.size() > limit ? page.subList(0, limit) : page;
        Long last = limit > 0 && !returned.isEmpty() ? returned.get(returned.size() - 1).id() : null;
        return new Plain(List.copyOf(returned),
                info(visible, sinceMillis == null ? null : returned, page.size() - returned.size(), last));
    }

    private static Long parentWithin(RemarkComment c, Set<Long> ids) {
        if (c.replyTo() != null && ids.contains(c.replyTo())) {
            return c.replyTo();
        }
        // The exact parent is gone (Isso removed it): hang the reply on its thread's root instead.
        return c.parentId() != null && ids.contains(c.parentId()) ? c.parentId() : null;
    }

    /** The subtree of {@code c}, or null when it holds nothing but deleted comments. */
    private static Node node(RemarkComment c, Map<Long, List<RemarkComment>> children) {
        List<RemarkComment> direct = new ArrayList<>(children.getOrDefault(c.id(), List.of()));
        direct.sort(RemarkSort.OLDEST_FIRST);
        List<Node> replies = new ArrayList<>(direct.size());
        Instant active = null;
        int size = 1;
        for (RemarkComment reply : direct) {
            Node child = node(reply, children);
            if (child == null) {
                continue;
            }
            replies.add(child);
            size += child.size();
            Instant childActive = child.comment().deleted() ? child.active() : later(child.comment().created(),
                    child.active());
            active = later(active, childActive);
        }
        if (c.deleted() && replies.isEmpty()) {
            return null;
        }
        return new Node(c, List.copyOf(replies), active, size);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** {@code active} sorts by the newest visible reply (the root's own time without one); others as lists do. */
    private static Comparator<Node> threadOrder(RemarkSort sort) {
        if (sort.field() == RemarkSort.Field.ACTIVE) {
            Comparator<Node> byActive = Comparator.comparing(
                    (Node n) -> n.active() != null ? n.active() : n.comment().created())
                    .thenComparingLong(n -> n.comment().id());
            return sort.descending() ? byActive.reversed() : byActive;
        }
        Comparator<RemarkComment> order = sort.comments();
        return (a, b) -> order.compare(a.comment(), b.comment());
    }

    /** The items after the one with id {@code offsetId}; all of them when it is null or not there. */
    private static <T> List<T> afterOffset(List<T> items, Long offsetId, java.util.function.ToLongFunction<T> id) {
        if (offsetId != null) {
            for (int i = 0; i < items.size(); i++) {
                if (id.applyAsLong(items.get(i)) == offsetId) {
                    return items.subList(i + 1, items.size());
                }
            }
        }
        return items;
    }

    /** Counts and times over the post's non-deleted comments (or over {@code counted} when given). */
    private static Info info(List<RemarkComment> visible, List<RemarkComment> counted, int left, Long last) {
        int count = 0;
        Instant first = null;
        Instant lastTime = null;
        for (RemarkComment c : visible) {
            if (c.deleted()) {
                continue;
            }
            count++;
            first = first == null || c.created().isBefore(first) ? c.created() : first;
            lastTime = later(lastTime, c.created());
        }
        if (counted != null) {
            count = (int) counted.stream().filter(c -> !c.deleted()).count();
        }
        return new Info(count, left, last, first, lastTime);
    }
}
