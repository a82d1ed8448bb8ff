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
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.parley.votes.config.VotesConfig;
import io.parley.votes.service.Totals;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * One totals document per comment, which is also the outbox of {@code vote.cast} (MongoDB here has no
 * multi-document transactions): every applied vote change increments {@code version} and sets {@code dirty} in
 * the same single-document update that changes the counts; the relay publishes documents whose {@code version}
 * is above {@code publishedVersion} (found through {@code dirty}) and then records the published version.
 * {@code ops} remembers the ids of recently applied changes, so applying the same change twice is a no-op.
 */
@ApplicationScoped
public class TotalsRepository {

    private static final String ID = "_id";
    private static final String SITE = "site";
    private static final String POST_URL = "postUrl";
    private static final String LIKES = "likes";
    private static final String DISLIKES = "dislikes";
    private static final String VERSION = "version";
    private static final String PUBLISHED_VERSION = "publishedVersion";
    private static final String DIRTY = "dirty";
    private static final String OPS = "ops";
    private static final String OP_ID = "id";
    private static final String OP_AT = "at";
    private static final String UPDATED_AT = "updatedAt";

    @Inject
    ReactiveMongoClient client;

    @Inject
    VotesConfig config;

    private ReactiveMongoCollection<Document> totals;

    @PostConstruct
    void init() {
        totals = Mongo.collection(client, config, "totals");
        // See VoteRepository#init: lets mongo-java-server find the document of the guarded update by index.
        Mongo.ensureUniqueIndex(totals, new Document(ID, 1).append(VERSION, 1));
    }

    /**
     * Applies one vote change unless it was applied already.
     *
     * @return the totals after the change, or null when the change had been applied before
     */
    public Uni<Totals> apply(String site, String postUrl, long commentId, String op, int likes, int dislikes,
                             Instant now) {
        Bson notYetApplied = Filters.and(Filters.eq(ID, commentId), Filters.ne(OPS + "." + OP_ID, op));
        Bson update = Updates.combine(
                Updates.inc(LIKES, likes), Updates.inc(DISLIKES, dislikes), Updates.inc(VERSION, 1),
                Updates.set(SITE, site), Updates.set(POST_URL, postUrl), Updates.set(DIRTY, true),
                Updates.set(UPDATED_AT, Date.from(now)), Updates.setOnInsert(PUBLISHED_VERSION, 0L),
                Updates.push(OPS, new Document(OP_ID, op).append(OP_AT, Date.from(now))));
        return totals.findOneAndUpdate(notYetApplied, update,
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                                .projection(Projections.exclude(OPS)))
                .map(document -> toTotals(commentId, document))
                // The upsert's insert hit an existing _id: either the document holds the op already, or another
                // change created the document a moment ago; then the update path applies this one.
                .onFailure(Mongo::isDuplicateKey).recoverWithUni(() -> applied(commentId, op)
                        .flatMap(done -> done ? Uni.createFrom().nullItem()
                                : apply(site, postUrl, commentId, op, likes, dislikes, now)));
    }

    /** Whether a change was applied (and is still remembered, see {@link #forget}). */
    public Uni<Boolean> applied(long commentId, String op) {
        return totals.find(Filters.and(Filters.eq(ID, commentId), Filters.eq(OPS + "." + OP_ID, op)),
                        new FindOptions().projection(Projections.include(ID)).limit(1))
                .collect().first().map(document -> document != null);
    }

    /** The comment's totals (all zero when nobody voted). */
    public Uni<Totals> get(long commentId) {
        return totals.find(Filters.eq(ID, commentId), new FindOptions().projection(Projections.exclude(OPS)).limit(1))
                .collect().first().map(document -> toTotals(commentId, document));
    }

    /** Forgets the ids of changes applied before {@code cutoff}. */
    public Uni<Long> forget(Instant cutoff) {
        Bson old = Filters.lt(OP_AT, Date.from(cutoff));
        return totals.updateMany(Filters.elemMatch(OPS, old), Updates.pullByFilter(new Document(OPS, old)))
                .map(result -> result.getModifiedCount());
    }

    /** Totals whose latest version has not been published yet. */
    public Uni<List<Totals>> unpublished(int limit) {
        return totals.find(Filters.eq(DIRTY, true),
                        new FindOptions().projection(Projections.exclude(OPS)).limit(limit))
                .map(document -> toTotals(Mongo.number(document.get(ID)), document)).collect().asList();
    }

    /** Records that {@code version} of the comment's totals was published (acked by the broker). */
    public Uni<Void> published(long commentId, long version) {
        Bson markPublished = Updates.combine(Updates.set(DIRTY, false), Updates.max(PUBLISHED_VERSION, version));
        return totals.updateOne(new Document(ID, commentId).append(VERSION, version), markPublished)
                .flatMap(result -> result.getMatchedCount() == 1 ? Uni.createFrom().voidItem()
                        // A newer change arrived meanwhile: it stays dirty for the next round.
                        : totals.updateOne(Filters.eq(ID, commentId), Updates.max(PUBLISHED_VERSION, version))
                                .replaceWithVoid());
    }

    private static Totals toTotals(long commentId, Document document) {
        if (document == null) {
            return Totals.none(commentId);
        }
        return new Totals(commentId, document.getString(SITE), document.getString(POST_URL),
                Mongo.number(document.get(LIKES)), Mongo.number(document.get(DISLIKES)),
                Mongo.number(document.get(VERSION)), Mongo.number(document.get(PUBLISHED_VERSION)),
                document.getDate(UPDATED_AT) == null ? null : document.getDate(UPDATED_AT).toInstant());
    }
}
