package io.parley.notify.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import io.parley.notify.config.NotifyConfig;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;

/** The service's MongoDB database; repositories take their collections from here. */
@ApplicationScoped
public class MongoStore {

    @Inject
    ReactiveMongoClient client;

    @Inject
    NotifyConfig config;

    public ReactiveMongoCollection<Document> collection(String name) {
        return client.getDatabase(config.store().database()).getCollection(name);
    }

    /** True for a unique-key violation, which the repositories use as "already there". */
    public static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
