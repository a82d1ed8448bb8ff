package io.parley.feed.rest;

import java.math.BigDecimal;
import java.time.Instant;

import io.parley.events.comments.CommentState;
import io.parley.feed.service.RatedComment;
import io.parley.feed.service.StoredComment;

/** Response records of the Isso dialect. */
public final class IssoViews {

    private IssoViews() {
    }

    /**
     * An item of {@code GET /latest}: Isso's key set for it (no hash).
     */
    public record LatestComment(long id, Long parent, String uri, String author, String website, String text,
                                int mode, BigDecimal created, BigDecimal modified, int likes, int dislikes) {
        static LatestComment of(RatedComment rated) {
            StoredComment comment = rated.comment();
            return new LatestComment(comment.id(), comment.parentId(), comment.postUrl(), comment.authorName(),
                    comment.authorWebsite(), comment.html(), IssoViews.mode(comment.state()), seconds(comment.created()),
                    seconds(comment.modified()), (int) rated.votes().likes(), (int) rated.votes().dislikes());
        }
    }

    /** Isso's comment mode: 1 published, 2 pending, 4 deleted with replies kept. */
    static int mode(CommentState state) {
        return switch (state) {
            case PUBLISHED -> 1;
            case PENDING -> 2;
            case DELETED_PLACEHOLDER, DELETED -> 4;
        };
    }

    /**
     * Unix seconds with microseconds, as Isso's float timestamps; a decimal (not a double) so JSON shows
     * {@code 1763899200.123456} rather than an exponent.
     */
    static BigDecimal seconds(Instant time) {
        if (time == null) {
            return null;
        }
        BigDecimal value = BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano() / 1_000, 6))
                .stripTrailingZeros();
        return value.scale() < 1 ? value.setScale(1) : value;
    }
}
