package io.parley.comments.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.parley.comments.service.Comment;

import java.math.BigDecimal;
import java.time.Instant;

/** Isso's public comment object (§1.2 keys; {@code hash} only where Isso sends it). */
@JsonPropertyOrder({"id", "parent", "text", "author", "website", "mode", "created", "modified", "likes",
        "dislikes", "notification", "hash"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssoCommentView(long id, Long parent, String text, String author, String website, int mode,
                              BigDecimal created, BigDecimal modified, int likes, int dislikes,
                              Integer notification,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String hash) {

    public static IssoCommentView of(Comment c) {
        return new IssoCommentView(c.id(), c.parentId(), c.html(), c.author(), c.website(), IssoModes.of(c.state()),
                seconds(c.created()), seconds(c.modified()), c.likes(), c.dislikes(), c.notification(), c.hash());
    }

    /** The object without {@code hash}, as Isso's single-comment endpoints return it; raw markdown if {@code plain}. */
    public static IssoCommentView withoutHash(Comment c, boolean plain) {
        return new IssoCommentView(c.id(), c.parentId(), plain ? c.text() : c.html(), c.author(), c.website(),
                IssoModes.of(c.state()), seconds(c.created()), seconds(c.modified()), c.likes(), c.dislikes(),
                c.notification(), null);
    }

    /** Unix seconds with microseconds, written as a plain decimal (Python float style, never exponent form). */
    static BigDecimal seconds(Instant instant) {
        if (instant == null) {
            return null;
        }
        BigDecimal value = BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano() / 1000, 6))
                .stripTrailingZeros();
        return value.scale() < 1 ? value.setScale(1) : value;
    }
}
