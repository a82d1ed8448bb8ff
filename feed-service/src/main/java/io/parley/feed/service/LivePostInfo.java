package io.parley.feed.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.Topics;
import io.parley.events.feed.PostComment;
import io.parley.events.feed.PostInfoChanged;
import io.parley.feed.config.FeedConfig;
import io.smallrye.mutiny.Uni;

/**
 * The in-memory live state every replica rebuilds from the {@code post-info} topic: the latest info of each
 * post and, per site, the newest comments announced. Fed by one thread (the topic follower) in offset order;
 * read by the streams from any thread.
 * <p>
 * Stream event ids are {@code post-info} offsets (the topic has one partition), which every replica agrees
 * on: a client of one replica can resume on another with its {@code Last-Event-ID}.
 */
@ApplicationScoped
public class LivePostInfo {

    /** A post's latest info and the offset of the record that last changed what {@code info} shows. */
    public record Post(PostInfoChanged info, long infoOffset) {
    }

    /** A newly announced comment of a site: the offset of the record that brought it, and the post info it came with. */
    public record Announcement(long offset, PostInfoChanged info) {
        public PostComment comment() {
            return info.lastComment();
        }
    }

    /** Receives what changed, in offset order, on the follower's thread. */
    public interface Listener {
        void infoChanged(String postKey, long offset, PostInfoChanged info);

        void commentAnnounced(String site, Announcement announcement);
    }

    @Inject
    FeedConfig config;

    private final Map<String, Post> posts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Announcement>> recent = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile long lastOffset = -1;

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Applies one {@code post-info} record. Records not newer than the post's version (duplicates of several
     * relays, stale ones) change nothing.
     */
    public void apply(long offset, PostInfoChanged info) {
        lastOffset = offset;
        String key = Topics.postKey(info.site(), info.postUrl());
        Post known = posts.get(key);
        if (known != null && known.info().version() >= info.version()) {
            return;
        }
        boolean infoChanged = known == null || !sameInfo(known.info(), info);
        posts.put(key, new Post(info, infoChanged ? offset : known.infoOffset()));
        if (infoChanged) {
            listeners.forEach(listener -> listener.infoChanged(key, offset, info));
        }
        if (isNewComment(known == null ? null : known.info().lastComment(), info.lastComment())) {
            Announcement announcement = new Announcement(offset, info);
            Deque<Announcement> siteRecent = recent.computeIfAbsent(info.site(), site -> new ArrayDeque<>());
            synchronized (siteRecent) {
                siteRecent.addLast(announcement);
                while (siteRecent.size() > config.stream().recentComments()) {
                    siteRecent.removeFirst();
                }
            }
            listeners.forEach(listener -> listener.commentAnnounced(info.site(), announcement));
        }
    }

    /** Replay done: the state is as current as the topic was when the replica started. */
    public void markCaughtUp() {
        caughtUp.complete(null);
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    /** Completes once the replay is done; fails after {@code timeout}. */
    public Uni<Void> awaitCaughtUp(Duration timeout) {
        return Uni.createFrom().completionStage(caughtUp).ifNoItem().after(timeout).fail();
    }

    public Post post(String site, String url) {
        return posts.get(Topics.postKey(site, url));
    }

    /** Announcements of a site after the given offset, or created after {@code since}, oldest first. */
    public List<Announcement> announcedAfter(String site, long afterOffset, Instant since) {
        Deque<Announcement> siteRecent = recent.get(site);
        if (siteRecent == null) {
            return List.of();
        }
        List<Announcement> found = new ArrayList<>();
        synchronized (siteRecent) {
            for (Announcement announcement : siteRecent) {
                if (announcement.offset() > afterOffset
                        && (since == null || announcement.comment().created().isAfter(since))) {
                    found.add(announcement);
                }
            }
        }
        return found;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public int postCount() {
        return posts.size();
    }

    /** What Remark42's info shows: count, times and the read-only flag. */
    private static boolean sameInfo(PostInfoChanged a, PostInfoChanged b) {
        return a.count() == b.count() && a.readOnly() == b.readOnly() && Objects.equals(a.firstTime(), b.firstTime())
                && Objects.equals(a.lastTime(), b.lastTime());
    }

    /** A newest comment that is newer than the previous newest one (not an edit, not a step back after a delete). */
    private static boolean isNewComment(PostComment before, PostComment after) {
        if (after == null || after.created() == null) {
            return false;
        }
        if (before == null || before.created() == null) {
            return true;
        }
        int order = after.created().compareTo(before.created());
        return order > 0 || order == 0 && after.id() > before.id();
    }
}
