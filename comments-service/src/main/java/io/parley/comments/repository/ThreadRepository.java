package io.parley.comments.repository;

import io.parley.comments.service.ThreadComment;
import io.parley.events.comments.CommentState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The hot read path: every visible comment of one thread in a single query, straight from the pool. */
@ApplicationScoped
public class ThreadRepository {

    private static final String VISIBLE = "select c.id, c.parent_id, c.state, c.text, c.html, c.author, c.email, "
            + "c.website, c.author_hash, c.notification, c.created, c.modified, c.likes, c.dislikes "
            + "from comments c join posts p on p.id = c.post_id "
            + "where p.site = $1 and p.uri = $2 and c.state in ('PUBLISHED', 'DELETED_PLACEHOLDER')";

    @Inject
    Pool pool;

    /** Published comments and placeholders of {@code site}/{@code uri}, in no particular order. */
    public Uni<List<ThreadComment>> visible(String site, String uri) {
        return pool.preparedQuery(VISIBLE).execute(Tuple.of(site, uri)).map(rows -> {
            List<ThreadComment> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                result.add(toComment(row));
            }
            return result;
        });
    }

    private static ThreadComment toComment(Row row) {
        return new ThreadComment(row.getLong("id"), row.getLong("parent_id"),
                CommentState.valueOf(row.getString("state")), row.getString("text"), row.getString("html"),
                row.getString("author"), row.getString("email"), row.getString("website"),
                row.getString("author_hash"), row.getInteger("notification"), instant(row, "created"),
                instant(row, "modified"), row.getInteger("likes"), row.getInteger("dislikes"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
