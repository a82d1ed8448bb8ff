package io.parley.votes.repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import io.parley.votes.config.VotesConfig;
import io.parley.votes.service.StoredVote;
import io.parley.votes.service.StoredVote.PendingChange;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Every vote, one document per (comment, voter): {@code _id = commentId|voter}, plus a unique index on
 * {@code (comment, voter)}, so a voter can never hold two votes on one comment, however many requests race.
 * A change is first claimed on the vote document ({@code pending}), then applied to the totals, then finished
 * here; see {@link io.parley.votes.service.VoteLedger}.
 */
@ApplicationScoped
public class VoteRepository {

    private static final String ID = "_id";
    private static final String COMMENT = "comment";
    private static final String VOTER = "voter";
    private static final String VALUE = "value";
    private static final String PENDING = "pending";
    private static final String OP = "op";
    private static final String TO = "to";
    private static final String AT = "at";
    private static final String PENDING_OP = PENDING + "." + OP;

    @Inject
    ReactiveMongoClient client;

    @Inject
    VotesConfig config;

    private ReactiveMongoCollection<Document> votes;
    private ReactiveMongoCollection<Document> addresses;

    @PostConstruct
    void init() {
        votes = Mongo.collection(client, config, "votes");
        addresses = Mongo.collection(client, config, "vote-addresses");
        Mongo.ensureUniqueIndex(votes, new Document(COMMENT, 1).append(VOTER, 1));
        // The conditional updates below filter on exactly these keys. _id alone makes them unique; the indexes let
        // mongo-java-server (which uses an index only when the filter's keys equal its keys) find the document
        // without scanning the collection. Real MongoDB uses the _id index either way.
        Mongo.ensureUniqueIndex(votes, new Document(ID, 1).append(VALUE, 1).append(PENDING, 1));
        Mongo.ensureUniqueIndex(votes, new Document(ID, 1).append(PENDING_OP, 1));
    }

    static String key(long commentId, String voter) {
        return commentId + "|" + voter;
    }

    /** The voter's vote on the comment, or null when there is none. */
    public Uni<StoredVote> find(long commentId, String voter) {
        return votes.find(Filters.eq(ID, key(commentId, voter))).collect().first()
                .map(document -> document == null ? null : toVote(document));
    }

    /** Claims a first vote; false when the voter already has a vote document (another request won). */
    public Uni<Boolean> claimFirst(long commentId, String voter, PendingChange change) {
        Document document = new Document(ID, key(commentId, voter)).append(COMMENT, commentId).append(VOTER, voter)
                .append(VALUE, 0).append(PENDING, pending(change));
        return votes.insertOne(document).replaceWith(true)
                .onFailure(Mongo::isDuplicateKey).recoverWithItem(false);
    }

    /** Claims a change of an existing vote; false unless it still has {@code value} and no pending change. */
    public Uni<Boolean> claimChange(long commentId, String voter, int value, PendingChange change) {
        // A plain document (not $and), so that it matches the (_id, value, pending) index.
        Bson unchanged = new Document(ID, key(commentId, voter)).append(VALUE, value).append(PENDING, null);
        return votes.updateOne(unchanged, Updates.set(PENDING, pending(change)))
                .map(result -> result.getModifiedCount() == 1);
    }

    /**
     * Makes a claimed change the vote's value (a withdrawn vote's document is removed).
     *
     * @return false when the change had already been finished (by the reconciler or the request itself)
     */
    public Uni<Boolean> finish(long commentId, String voter, PendingChange change) {
        Bson claimed = new Document(ID, key(commentId, voter)).append(PENDING_OP, change.op());
        Uni<Long> done = change.to() == 0
                ? votes.deleteOne(claimed).map(result -> result.getDeletedCount())
                : votes.updateOne(claimed, Updates.combine(Updates.set(VALUE, change.to()), Updates.unset(PENDING)))
                        .map(result -> result.getModifiedCount());
        return done.map(count -> count == 1);
    }

    /** Votes with a change claimed before {@code before} and not finished: left by a crashed or stalled request. */
    public Uni<List<StoredVote>> stalePending(Instant before, int limit) {
        return votes.find(Filters.lt(PENDING + "." + AT, Date.from(before)), new FindOptions().limit(limit))
                .map(VoteRepository::toVote).collect().asList();
    }

    /** Every vote on a comment (for recounts; not on the hot path). */
    public Uni<List<StoredVote>> ofComment(long commentId) {
        return votes.find(Filters.eq(COMMENT, commentId)).map(VoteRepository::toVote).collect().asList();
    }

    /**
     * The direction of the last vote on the comment from a client address hash (Remark42's {@code voted_ips}), or
     * null when none was cast since {@code since} (null = ever).
     */
    public Uni<Integer> addressVote(long commentId, String addressHash, Instant since) {
        Bson filter = Filters.eq(ID, commentId + "|" + addressHash);
        if (since != null) {
            filter = Filters.and(filter, Filters.gte(AT, Date.from(since)));
        }
        return addresses.find(filter).collect().first()
                .map(document -> document == null ? null : (int) Mongo.number(document.get(VALUE)));
    }

    /** Remembers (value ±1) or forgets (value 0) the vote of a client address hash on the comment. */
    public Uni<Void> recordAddressVote(long commentId, String addressHash, int value, Instant at) {
        String id = commentId + "|" + addressHash;
        if (value == 0) {
            return addresses.deleteOne(Filters.eq(ID, id)).replaceWithVoid();
        }
        return addresses.replaceOne(Filters.eq(ID, id), new Document(ID, id).append(VALUE, value)
                .append(AT, Date.from(at)), new ReplaceOptions().upsert(true)).replaceWithVoid();
    }

    private static Document pending(PendingChange change) {
        return new Document(OP, change.op()).append(TO, change.to()).append(AT, Date.from(change.at()));
    }

    private static StoredVote toVote(Document document) {
        Document pending = document.get(PENDING, Document.class);
        PendingChange change = pending == null ? null : new PendingChange(pending.getString(OP),
                (int) Mongo.number(pending.get(TO)), pending.getDate(AT).toInstant());
        return new StoredVote(Mongo.number(document.get(COMMENT)), document.getString(VOTER),
                (int) Mongo.number(document.get(VALUE)), change);
    }
}
