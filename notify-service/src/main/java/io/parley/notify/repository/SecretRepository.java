package io.parley.notify.repository;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** Signing keys generated on first use and shared by every replica through MongoDB. */
@ApplicationScoped
public class SecretRepository {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MongoStore store;

    private ReactiveMongoCollection<Document> secrets() {
        return store.collection("secrets");
    }

    /** The key named {@code name}; the first caller (of any replica) creates it, everybody else reads that one. */
    public Uni<String> getOrCreate(String name) {
        byte[] fresh = new byte[24];
        RANDOM.nextBytes(fresh);
        return secrets().insertOne(new Document("_id", name).append("value", HexFormat.of().formatHex(fresh)))
                .replaceWithVoid()
                .onFailure(MongoStore::isDuplicateKey).recoverWithNull()
                .chain(() -> secrets().find(Filters.eq("_id", name)).collect().first())
                .map(d -> d.getString("value"));
    }
}
