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
                              Integer notification, String hash) {

    public static IssoCommentView of(Comment c) {
        return new IssoCommentView(c.id(), c.parentId(), c.html(), c.author(), c.website(), IssoModes.of(c.state()),
                seconds(c.created()), seconds(c.modified()), c.likes(), c.dislikes(), c.notification(), c.hash());
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
