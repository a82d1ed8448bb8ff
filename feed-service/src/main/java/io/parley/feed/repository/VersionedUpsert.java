package io.parley.feed.repository;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The versioned upsert every per-item read model uses: {@code replaceOne({_id, version < v}, doc, upsert)}.
 * When a version at least as new is stored, no document matches and the insert hits the existing {@code _id}
 * (duplicate key), which means "already applied". No transaction is needed.
 */
final class VersionedUpsert {

    static final String ID = "_id";
    static final String VERSION = "version";
    private static final int DUPLICATE_KEY = 11000;

    private VersionedUpsert() {
    }

    /** @return true if the document was stored, false if a version at least as new is stored already */
    static Uni<Boolean> replaceIfNewer(ReactiveMongoCollection<Document> collection, String id, long version,
                                       Document document) {
        return attempt(collection, id, version, document, true);
    }

    private static Uni<Boolean> attempt(ReactiveMongoCollection<Document> collection, String id, long version,
                                        Document document, boolean retryOnConflict) {
        Bson olderOrAbsent = Filters.and(Filters.eq(ID, id), Filters.lt(VERSION, version));
        return collection.replaceOne(olderOrAbsent, document, new ReplaceOptions().upsert(true))
                .map(result -> result.getMatchedCount() == 1 || result.getUpsertedId() != null)
                // Once more, in case a concurrent writer inserted an older version between the two steps.
                .onFailure(VersionedUpsert::isDuplicateKey)
                .recoverWithUni(() -> retryOnConflict ? attempt(collection, id, version, document, false)
                        : Uni.createFrom().item(false));
    }

    private static boolean isDuplicateKey(Throwable failure) {
        if (failure instanceof MongoWriteException write) {
            return write.getError().getCode() == DUPLICATE_KEY;
        }
        return failure instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY;
    }
}
