package io.parley.votes.repository;

import java.time.Duration;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;

import io.parley.votes.config.VotesConfig;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;

/** Small helpers the repositories share. */
final class Mongo {

    private static final Logger LOG = Logger.getLogger(Mongo.class);
    private static final int DUPLICATE_KEY = 11000;

    private Mongo() {
    }

    static ReactiveMongoCollection<Document> collection(ReactiveMongoClient client, VotesConfig config, String name) {
        return client.getDatabase(config.store().database()).getCollection(name);
    }

    /** Creates a unique index in the background, retrying while MongoDB is away (the service starts regardless). */
    static void ensureUniqueIndex(ReactiveMongoCollection<Document> collection, Document keys) {
        collection.createIndex(keys, new IndexOptions().unique(true))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(name -> LOG.debugf("index %s ready", name),
                        failure -> LOG.errorf("index %s not created: %s", keys.toJson(), failure.toString()));
    }

    static boolean isDuplicateKey(Throwable failure) {
        if (failure instanceof MongoWriteException write) {
            return write.getError().getCode() == DUPLICATE_KEY;
        }
        return failure instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY;
    }

    /** Numbers come back as int32 or int64 depending on their size; accept both. */
    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
