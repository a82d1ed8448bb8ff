package io.parley.feed.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.parley.events.comments.CommentState;
import io.parley.events.feed.PostComment;
import io.parley.events.feed.PostInfoChanged;
import io.parley.feed.service.PostSummary;
import io.parley.feed.service.RatedComment;
import io.parley.feed.service.RemarkUsers;
import io.parley.feed.service.StoredComment;

/** Response records of the Remark42 dialect. */
public final class RemarkViews {

    /** Go's zero {@code time.Time}, which Remark42 writes for posts without comments. */
    static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private RemarkViews() {
    }

    public record Locator(String site, String url) {
    }

    /** {@code GET /api/v1/count}: Remark42 answers {count, locator}; {@code url} is added for convenience. */
    public record Count(String url, int count, Locator locator) {
        static Count of(PostSummary summary) {
            return new Count(summary.url(), summary.count(), new Locator(summary.site(), summary.url()));
        }
    }

    /**
     * Remark42's PostInfo ({@code POST /api/v1/counts} per URL, {@code GET /api/v1/info}). {@code url} and
     * {@code read_only} are left out when empty, as Remark42's {@code omitempty} does.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostInfo(String url, int count, @JsonProperty("count_left") int countLeft,
                           @JsonProperty("read_only") Boolean readOnly,
                           @JsonProperty("first_time") Instant firstTime, @JsonProperty("last_time") Instant lastTime) {
        static PostInfo of(PostInfoChanged info) {
            return of(new PostSummary(info.site(), info.postUrl(), info.title(), info.count(), info.firstTime(),
                    info.lastTime(), info.readOnly()));
        }

        static PostInfo of(PostSummary summary) {
            return new PostInfo(summary.url(), summary.count(), 0, summary.readOnly() ? Boolean.TRUE : null,
                    orZero(summary.firstTime()), orZero(summary.lastTime()));
        }
    }

    /**
     * Remark42's Comment as its public read APIs show it ({@code store/comment.go}): votes stripped,
     * {@code vote} 0 (no requesting user here), {@code controversy} left out when 0 (omitempty).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comment(String id, String pid, String text, String orig, User user, Locator locator, long score,
                          int vote, Double controversy, Instant time, Edit edit, Boolean delete, String title) {
        public static Comment of(RatedComment rated) {
            StoredComment comment = rated.comment();
            double controversy = rated.votes().controversy();
            return new Comment(Long.toString(comment.id()),
                    comment.parentId() == null ? "" : Long.toString(comment.parentId()),
                    comment.html() == null ? "" : comment.html(), comment.text(), User.of(comment),
                    new Locator(comment.site(), comment.postUrl()), rated.votes().score(), 0,
                    controversy == 0.0 ? null : controversy, comment.created(),
                    comment.modified() == null ? null : new Edit(comment.modified(), ""),
                    comment.state() == CommentState.PUBLISHED ? null : Boolean.TRUE,
                    comment.postTitle() == null || comment.postTitle().isEmpty() ? null : comment.postTitle());
        }
    }

    /** A newly announced comment as post info carries it (no votes yet). */
    static Comment of(PostInfoChanged info) {
        PostComment comment = info.lastComment();
        return new Comment(Long.toString(comment.id()), comment.parentId() == null ? "" : Long.toString(comment.parentId()),
                comment.html() == null ? "" : comment.html(), comment.text(),
                new User(comment.authorName() == null ? "" : comment.authorName(), comment.authorId(), "", false),
                new Locator(info.site(), info.postUrl()), 0, 0, null, comment.created(),
                comment.modified() == null ? null : new Edit(comment.modified(), ""), null,
                info.title() == null || info.title().isEmpty() ? null : info.title());
    }

    /** Remark42's User as other users see it: no ip, e-mail or other private detail. */
    public record User(String name, String id, String picture, boolean admin) {
        static User of(StoredComment comment) {
            return new User(RemarkUsers.name(comment), RemarkUsers.id(comment), "", false);
        }
    }

    public record Edit(Instant time, String summary) {
    }

    /** Remark42's error body ({@code rest.SendErrorJSON}). */
    public record Error(String error, String details, int code) {
    }

    private static Instant orZero(Instant time) {
        return time == null ? ZERO_TIME : time;
    }
}
