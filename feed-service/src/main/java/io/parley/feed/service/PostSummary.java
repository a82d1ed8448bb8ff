package io.parley.feed.service;

import java.time.Instant;

/**
 * The derived, cheap-to-read part of a post's read model. {@code firstTime}/{@code lastTime} are null when
 * the post has no published comment.
 */
public record PostSummary(String site, String url, String title, int count, Instant firstTime, Instant lastTime,
                          boolean readOnly) {

    public static PostSummary unknown(String site, String url) {
        return new PostSummary(site, url, null, 0, null, null, false);
    }

    /** This total with another post added: counts summed, the earliest first and the latest last time. */
    public PostSummary plus(PostSummary post) {
        return new PostSummary(site, url, title, count + post.count(), earliest(firstTime, post.firstTime()),
                latest(lastTime, post.lastTime()), readOnly);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
