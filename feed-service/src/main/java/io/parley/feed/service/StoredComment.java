package io.parley.feed.service;

import java.time.Instant;
import java.util.Objects;

import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentState;

/**
 * The public part of one comment as the comment read model keeps it. Built from an event, it never holds the
 * author's e-mail address or client network: those stay with the services that need them.
 */
public record StoredComment(String site, String postUrl, long id, Long parentId, CommentState state,
                            String authorName, String authorWebsite, String authorHash, String authorUserId,
                            String text, String html, String postTitle, Instant created, Instant modified,
                            long version) {

    public StoredComment {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(postUrl, "postUrl");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
    }

    /** The comment state an event carries, without its private fields. */
    public static StoredComment of(CommentEvent event) {
        CommentData comment = event.comment();
        CommentAuthor author = comment.author();
        // A comment whose creation time is missing still needs a place in time-ordered reads; epoch sorts it last.
        Instant created = comment.created() == null ? Instant.EPOCH : comment.created();
        return new StoredComment(event.site(), event.postUrl(), comment.id(), comment.parentId(), comment.state(),
                author == null ? null : author.name(), author == null ? null : author.website(),
                author == null ? null : author.hash(), author == null ? null : author.userId(),
                comment.text(), comment.html(), comment.postTitle(), created, comment.modified(),
                comment.version());
    }

    /** Modified if it was edited, else created: the time feeds show for an entry. */
    public Instant updated() {
        return modified == null ? created : modified;
    }
}
