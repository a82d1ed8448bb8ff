package io.parley.votes.repository;

import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.parley.events.comments.CommentState;
import io.parley.votes.config.VotesConfig;
import io.parley.votes.service.ReplicaComment;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The local replicas built from events: comments (from comment events), posts (read-only flag, from
 * {@code post.updated}) and users (blocks, from user events). Every write is a versioned upsert: a document is
 * replaced only by a newer version, so redeliveries and replays change nothing.
 */
@ApplicationScoped
public class ReplicaRepository {

    private static final String ID = "_id";
    private static final String VERSION = "version";

    @Inject
    ReactiveMongoClient client;

    @Inject
    VotesConfig config;

    private ReactiveMongoCollection<Document> comments;
    private ReactiveMongoCollection<Document> posts;
    private ReactiveMongoCollection<Document> users;

    @PostConstruct
    void init() {
        comments = Mongo.collection(client, config, "comments");
        posts = Mongo.collection(client, config, "posts");
        users = Mongo.collection(client, config, "users");
    }

    /** @return true if the replica changed */
    public Uni<Boolean> upsertComment(ReplicaComment comment) {
        Document document = new Document(ID, comment.id())
                .append("site", comment.site())
                .append("postUrl", comment.postUrl())
                .append("state", comment.state().name())
                .append("authorUserId", comment.authorUserId())
                .append("authorNetwork", comment.authorNetwork())
                .append(VERSION, comment.version());
        return upsertIfNewer(comments, comment.id(), comment.version(), document, true);
    }

    /** The comment, or null when no event about it has arrived (yet). */
    public Uni<ReplicaComment> comment(long id) {
        return comments.find(Filters.eq(ID, id)).collect().first().map(document -> document == null ? null
                : new ReplicaComment(id, document.getString("site"), document.getString("postUrl"),
                        CommentState.valueOf(document.getString("state")), document.getString("authorUserId"),
                        document.getString("authorNetwork"), Mongo.number(document.get(VERSION))));
    }

    /** @return true if the replica changed */
    public Uni<Boolean> upsertPost(String site, String postUrl, boolean readOnly, long version) {
        String key = site + "|" + postUrl;
        return upsertIfNewer(posts, key, version, new Document(ID, key).append("readOnly", readOnly)
                .append(VERSION, version), true);
    }

    public Uni<Boolean> readOnly(String site, String postUrl) {
        return posts.find(Filters.eq(ID, site + "|" + postUrl)).collect().first()
                .map(document -> document != null && Boolean.TRUE.equals(document.getBoolean("readOnly")));
    }

    /**
     * Records a user's block state.
     *
     * @param blocked blocked or not
     * @param until end of the block, or null when permanent (or not blocked)
     * @return true if the replica changed
     */
    public Uni<Boolean> upsertUser(String site, String userId, boolean blocked, Instant until, long version) {
        String key = site + "|" + userId;
        return upsertIfNewer(users, key, version, new Document(ID, key).append("blocked", blocked)
                .append("until", until == null ? null : until.toEpochMilli()).append(VERSION, version), true);
    }

    public Uni<Boolean> blocked(String site, String userId, Instant now) {
        return users.find(Filters.eq(ID, site + "|" + userId)).collect().first().map(document -> {
            if (document == null || !Boolean.TRUE.equals(document.getBoolean("blocked"))) {
                return false;
            }
            Object until = document.get("until");
            return until == null || Mongo.number(until) > now.toEpochMilli();
        });
    }

    private Uni<Boolean> upsertIfNewer(ReactiveMongoCollection<Document> collection, Object id, long version,
                                       Document document, boolean retryOnConflict) {
        return collection.replaceOne(Filters.and(Filters.eq(ID, id), Filters.lt(VERSION, version)), document,
                        new ReplaceOptions().upsert(true))
                .map(result -> result.getMatchedCount() == 1 || result.getUpsertedId() != null)
                // No older version matched and the insert hit the existing _id: a version at least as new is stored.
                // Once more, in case a concurrent writer inserted an older one between the two steps.
                .onFailure(Mongo::isDuplicateKey).recoverWithUni(() -> retryOnConflict
                        ? upsertIfNewer(collection, id, version, document, false)
                        : Uni.createFrom().item(false));
    }
}
