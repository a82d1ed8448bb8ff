package io.parley.comments.repository;

import io.parley.comments.service.RemarkComment;
import io.parley.events.comments.CommentState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Remark42 read queries, straight from the pool like the Isso thread listing (one query per request). */
@ApplicationScoped
public class RemarkCommentRepository {

    private static final String COLUMNS = "select c.id, c.parent_id, c.reply_to, c.state, c.text, c.html, c.author, "
            + "c.author_hash, c.user_id, c.user_picture, c.user_admin, c.created, c.modified, c.edit_summary, "
            + "c.pinned, c.likes, c.dislikes, p.site, p.uri, p.title, u.blocked_until, "
            + "coalesce(u.verified, false) as verified "
            + "from comments c join posts p on p.id = c.post_id "
            + "left join user_states u on u.site = p.site and u.user_id = c.user_id ";
    private static final String VISIBLE = "c.state in ('PUBLISHED', 'DELETED_PLACEHOLDER')";
    private static final String OF_POST = COLUMNS + "where p.site = $1 and p.uri = $2 and " + VISIBLE;
    private static final String ONE = COLUMNS + "where c.id = $1 and p.site = $2 and p.uri = $3 and " + VISIBLE;
    private static final String BY_ID = COLUMNS + "where c.id = $1 and p.site = $2 and " + VISIBLE;
    // A user is a session user id, or anonymous_<author hash> for comments posted through Isso.
    private static final String OF_USER = "p.site = $1 and (c.user_id = $2 or (c.user_id is null and c.author_hash = $3))";
    private static final String USER_PAGE = COLUMNS + "where " + OF_USER
            + " and c.state = 'PUBLISHED' order by c.created desc, c.id desc limit $4 offset $5";
    private static final String USER_COUNT = "select count(*) as n from comments c join posts p on p.id = c.post_id "
            + "where " + OF_USER + " and " + VISIBLE;
    private static final String SITE_NEWEST = COLUMNS + "where p.site = $1 and c.state = 'PUBLISHED' "
            + "order by c.created desc, c.id desc limit $2";
    private static final String POST = "select p.read_only, p.title from posts p where p.site = $1 and p.uri = $2";

    @Inject
    Pool pool;

    /** Published comments and deleted placeholders of one post, in no particular order. */
    public Uni<List<RemarkComment>> ofPost(String site, String url) {
        return pool.preparedQuery(OF_POST).execute(Tuple.of(site, url)).map(RemarkCommentRepository::comments);
    }

    /** The visible comment {@code id} of {@code site}, in post {@code url} when that is not null; or null. */
    public Uni<RemarkComment> one(long id, String site, String url) {
        Uni<RowSet<Row>> rows = url == null
                ? pool.preparedQuery(BY_ID).execute(Tuple.of(id, site))
                : pool.preparedQuery(ONE).execute(Tuple.of(id, site, url));
        return rows.map(found -> {
            List<RemarkComment> list = comments(found);
            return list.isEmpty() ? null : list.get(0);
        });
    }

    /** A user's published comments on {@code site}, newest first. */
    public Uni<List<RemarkComment>> ofUser(String site, String userId, String anonymousHash, int limit, int skip) {
        return pool.preparedQuery(USER_PAGE).execute(Tuple.of(site, userId, anonymousHash, limit, skip))
                .map(RemarkCommentRepository::comments);
    }

    /** All of a user's comments on {@code site} including deleted placeholders (Remark42 counts those too). */
    public Uni<Long> countOfUser(String site, String userId, String anonymousHash) {
        return pool.preparedQuery(USER_COUNT).execute(Tuple.of(site, userId, anonymousHash))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** The newest published comments of a site. */
    public Uni<List<RemarkComment>> newestOfSite(String site, int limit) {
        return pool.preparedQuery(SITE_NEWEST).execute(Tuple.of(site, limit)).map(RemarkCommentRepository::comments);
    }

    /** Whether the post is flagged read-only and its title; null when the post does not exist. */
    public Uni<PostFlags> post(String site, String url) {
        return pool.preparedQuery(POST).execute(Tuple.of(site, url)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new PostFlags(row.getBoolean("read_only"), row.getString("title"));
        });
    }

    public record PostFlags(boolean readOnly, String title) {
    }

    private static List<RemarkComment> comments(RowSet<Row> rows) {
        List<RemarkComment> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            result.add(new RemarkComment(row.getLong("id"), row.getLong("parent_id"), row.getLong("reply_to"),
                    CommentState.valueOf(row.getString("state")), row.getString("text"), row.getString("html"),
                    row.getString("author"), row.getString("author_hash"), row.getString("user_id"),
                    row.getString("user_picture"), row.getBoolean("user_admin"), instant(row, "created"),
                    instant(row, "modified"), row.getString("edit_summary"), row.getBoolean("pinned"),
                    row.getInteger("likes"), row.getInteger("dislikes"), row.getString("site"), row.getString("uri"),
                    row.getString("title"), instant(row, "blocked_until"), row.getBoolean("verified")));
        }
        return result;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
