package io.parley.comments.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.comments.service.RemarkComment;
import io.parley.comments.service.RemarkThreads;

import java.time.Instant;
import java.util.List;

/**
 * Remark42's Comment as its read APIs show it ({@code store/comment.go}, user view): ids as strings, omitempty
 * fields left out, no {@code votes}, {@code voted_ips} or {@code user.ip}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemarkCommentView(String id, String pid, String text, String orig, User user, Locator locator,
                                int score, int vote, Double controversy, Instant time, Edit edit, Boolean pin,
                                Boolean delete, String title) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(String name, String id, String picture, boolean admin, Boolean block, Boolean verified) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Locator(String site, String url) {
    }

    public record Edit(Instant time, String summary) {
    }

    /** {@code format=tree}: a comment and its replies (left out when there are none). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Node(RemarkCommentView comment, List<Node> replies) {
        static Node of(RemarkThreads.Node node, Instant now) {
            return new Node(RemarkCommentView.of(node.comment(), now),
                    node.replies().stream().map(reply -> of(reply, now)).toList());
        }
    }

    /** {@code view=user}: only who wrote each comment. */
    public record Author(String id, User user) {
        static Author of(RemarkComment c, Instant now) {
            return new Author(Long.toString(c.id()), RemarkCommentView.user(c, now));
        }
    }

    /** Remark42's PostInfo as {@code /find} shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Info(String url, int count, @JsonProperty("count_left") int countLeft,
                       @JsonProperty("last_comment") String lastComment, @JsonProperty("read_only") Boolean readOnly,
                       @JsonProperty("first_time") Instant firstTime, @JsonProperty("last_time") Instant lastTime) {

        /** Go's zero {@code time.Time}. */
        static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

        static Info of(String url, RemarkThreads.Info info, boolean readOnly) {
            return new Info(url, info.count(), info.countLeft(),
                    info.lastComment() == null ? null : Long.toString(info.lastComment()),
                    readOnly ? Boolean.TRUE : null, orZero(info.firstTime()), orZero(info.lastTime()));
        }

        private static Instant orZero(Instant time) {
            return time == null ? ZERO : time;
        }
    }

    /**
     * The view of {@code c} at {@code now} (block state is read at that instant). Deleted comments keep their
     * author but lose text, votes, edit and pin, as Remark42's soft delete does.
     */
    public static RemarkCommentView of(RemarkComment c, Instant now) {
        Long pid = c.pid();
        boolean deleted = c.deleted();
        double controversy = deleted ? 0 : c.controversy();
        Edit edit = deleted || c.modified() == null ? null
                : new Edit(c.modified(), c.editSummary() == null ? "" : c.editSummary());
        return new RemarkCommentView(Long.toString(c.id()), pid == null ? "" : Long.toString(pid),
                deleted ? "" : c.html(), deleted ? null : c.text(), user(c, now),
                new Locator(c.site(), c.postUrl()), deleted ? 0 : c.score(), 0,
                controversy == 0 ? null : controversy, c.created(), edit,
                !deleted && c.pinned() ? Boolean.TRUE : null, deleted ? Boolean.TRUE : null,
                c.postTitle() == null || c.postTitle().isEmpty() ? null : c.postTitle());
    }

    /** A blocked author shows {@code block: true} and never {@code verified} (Remark42's read-time rule). */
    static User user(RemarkComment c, Instant now) {
        boolean blocked = c.blockedAt(now);
        return new User(c.author() == null ? "" : c.author(), c.remarkUserId(),
                c.userPicture() == null ? "" : c.userPicture(), c.userAdmin(), blocked ? Boolean.TRUE : null,
                !blocked && c.verified() ? Boolean.TRUE : null);
    }
}
