package io.parley.comments.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bookkeeping of importers: which source comments became which comments, and ids kept from the source. */
@ApplicationScoped
public class ImportRepository {

    private static final String INSERT_COLUMNS = "post_id, parent_id, state, text, html, author, email, website, "
            + "client_network, author_hash, notification, created, modified, version, likes, dislikes";
    private static final String INSERT_VALUES = ":postId, :parentId, :state, :text, :html, :author, :email, "
            + ":website, :network, :hash, :notification, :created, :modified, :version, :likes, :dislikes";

    /** One import of {@code source} into {@code site} at a time (until the transaction ends). */
    public Uni<Void> lock(String source, String site) {
        return Panache.getSession().flatMap(session -> session
                        .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked",
                                Integer.class)
                        .setParameter("key", "import|" + source + "|" + site)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Comment ids of the source comments {@code sourceIds} imported before, by source id. */
    public Uni<Map<Long, Long>> imported(String source, String site, List<Long> sourceIds) {
        return Panache.getSession().flatMap(session -> session
                        .createNativeQuery("select source_id, comment_id from imported_comments "
                                + "where source = :source and site = :site and source_id in (:ids)", Object[].class)
                        .setParameter("source", source)
                        .setParameter("site", site)
                        .setParameter("ids", sourceIds)
                        .getResultList())
                .map(rows -> {
                    Map<Long, Long> ids = new HashMap<>();
                    for (Object[] row : rows) {
                        ids.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
                    }
                    return ids;
                });
    }

    /**
     * Moves the comment id sequence past {@code maxId}, so comments written from now on never take an id the
     * import wants to keep.
     */
    public Uni<Void> reserveIds(long maxId) {
        return Panache.getSession().flatMap(session -> session
                        .createNativeQuery("select setval(s.seq, greatest(:max, (select coalesce(max(id), 0) from "
                                + "comments), nextval(s.seq))) from (select pg_get_serial_sequence('comments', 'id') "
                                + "as seq) s", Long.class)
                        .setParameter("max", maxId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Inserts {@code c} with id {@code wantedId} if no comment has it, else with a new id.
     *
     * @return the id it got
     */
    public Uni<Long> insert(CommentEntity c, long wantedId) {
        return Panache.getSession().flatMap(session -> bind(session.createNativeQuery("insert into comments (id, "
                                + INSERT_COLUMNS + ") values (:id, " + INSERT_VALUES + ") on conflict (id) do nothing "
                                + "returning id", Long.class), c)
                        .setParameter("id", wantedId)
                        .getResultList()
                        .flatMap(kept -> !kept.isEmpty()
                                ? Uni.createFrom().item(kept.get(0))
                                : bind(session.createNativeQuery("insert into comments (" + INSERT_COLUMNS
                                        + ") values (" + INSERT_VALUES + ") returning id", Long.class), c)
                                        .getSingleResult()));
    }

    private static <T> org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<T> bind(
            org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<T> query, CommentEntity c) {
        return query.setParameter("postId", c.postId)
                .setParameter("parentId", c.parentId)
                .setParameter("state", c.state.name())
                .setParameter("text", c.text)
                .setParameter("html", c.html)
                .setParameter("author", c.author)
                .setParameter("email", c.email)
                .setParameter("website", c.website)
                .setParameter("network", c.clientNetwork)
                .setParameter("hash", c.authorHash)
                .setParameter("notification", c.notification)
                .setParameter("created", c.created)
                .setParameter("modified", c.modified)
                .setParameter("version", c.version)
                .setParameter("likes", c.likes)
                .setParameter("dislikes", c.dislikes);
    }

    /** Records that source comment {@code sourceId} became comment {@code commentId}. */
    public Uni<Void> remember(String source, String site, long sourceId, long commentId) {
        return Panache.getSession().flatMap(session -> session
                        .createNativeQuery("insert into imported_comments (source, site, source_id, comment_id) "
                                + "values (:source, :site, :sourceId, :commentId) on conflict do nothing")
                        .setParameter("source", source)
                        .setParameter("site", site)
                        .setParameter("sourceId", sourceId)
                        .setParameter("commentId", commentId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
