package io.parley.notify.repository;

import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.parley.events.comments.CommentState;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** The comment replica, one document per comment id, written by versioned upserts. */
@ApplicationScoped
public class CommentReplicaRepository {

    @Inject
    MongoStore store;

    private ReactiveMongoCollection<Document> comments() {
        return store.collection("comments");
    }

    public Uni<CommentReplica> find(long id) {
        return comments().find(Filters.eq("_id", id)).collect().first().map(d -> d == null ? null : read(d));
    }

    /** Every stored reply whose parent is {@code parentId}, oldest first. */
    public Uni<List<CommentReplica>> replies(long parentId) {
        return comments().find(Filters.eq("parent", parentId)).map(CommentReplicaRepository::read).collect().asList()
                .map(list -> list.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList());
    }

    /**
     * Stores {@code replica} unless a version at least as new is stored. A concurrent newer write makes the
     * upsert collide on {@code _id}, which means the same: nothing to do.
     */
    public Uni<Boolean> upsert(CommentReplica replica) {
        return comments().replaceOne(Filters.and(Filters.eq("_id", replica.id()), Filters.lt("version", replica.version())),
                        write(replica), new ReplaceOptions().upsert(true))
                .map(result -> result.getModifiedCount() > 0 || result.getUpsertedId() != null)
                .onFailure(MongoStore::isDuplicateKey).recoverWithItem(false);
    }

    private static Document write(CommentReplica r) {
        return new Document("_id", r.id()).append("site", r.site()).append("postUrl", r.postUrl())
                .append("parent", r.parentId()).append("title", r.title()).append("authorName", r.authorName())
                .append("email", r.email()).append("wantsReplies", r.wantsReplies()).append("userId", r.userId())
                .append("state", r.state().name()).append("version", r.version())
                .append("created", r.created() == null ? null : Date.from(r.created()));
    }

    private static CommentReplica read(Document d) {
        Number parent = d.get("parent", Number.class);
        Date created = d.getDate("created");
        return new CommentReplica(((Number) d.get("_id")).longValue(), d.getString("site"), d.getString("postUrl"),
                parent == null ? null : parent.longValue(), d.getString("title"), d.getString("authorName"),
                d.getString("email"), Boolean.TRUE.equals(d.getBoolean("wantsReplies")), d.getString("userId"),
                CommentState.valueOf(d.getString("state")), d.get("version", Number.class).longValue(),
                created == null ? null : created.toInstant());
    }
}
