package io.parley.notify.repository;

import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** Addresses that left an Isso conversation (a top-level comment and its replies) through an unsubscribe link. */
@ApplicationScoped
public class UnsubscribeRepository {

    @Inject
    MongoStore store;

    private ReactiveMongoCollection<Document> unsubscribed() {
        return store.collection("unsubscribed");
    }

    public Uni<Void> add(long conversation, String email, Instant at) {
        String address = email.toLowerCase(java.util.Locale.ROOT);
        return unsubscribed().replaceOne(Filters.eq("_id", conversation + "|" + address),
                new Document("_id", conversation + "|" + address).append("conversation", conversation)
                        .append("email", address).append("at", Date.from(at)),
                new ReplaceOptions().upsert(true)).replaceWithVoid();
    }

    /** The lower-cased addresses that left {@code conversation}. */
    public Uni<Set<String>> addresses(long conversation) {
        return unsubscribed().find(Filters.eq("conversation", conversation)).map(d -> d.getString("email"))
                .collect().asList().map(list -> list.stream().collect(Collectors.toSet()));
    }
}
