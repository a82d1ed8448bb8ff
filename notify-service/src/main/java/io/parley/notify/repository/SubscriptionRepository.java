package io.parley.notify.repository;

import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** Confirmed Remark42 e-mail subscriptions: one address per (site, user id). */
@ApplicationScoped
public class SubscriptionRepository {

    @Inject
    MongoStore store;

    private ReactiveMongoCollection<Document> subscriptions() {
        return store.collection("subscriptions");
    }

    private static String key(String site, String userId) {
        return site + "|" + userId;
    }

    /** The confirmed address of {@code userId} on {@code site}, or null. */
    public Uni<String> address(String site, String userId) {
        return subscriptions().find(Filters.eq("_id", key(site, userId))).collect().first()
                .map(d -> d == null ? null : d.getString("email"));
    }

    public Uni<Void> save(String site, String userId, String email, Instant at) {
        return subscriptions().replaceOne(Filters.eq("_id", key(site, userId)),
                new Document("_id", key(site, userId)).append("site", site).append("userId", userId)
                        .append("email", email).append("confirmed", Date.from(at)),
                new ReplaceOptions().upsert(true)).replaceWithVoid();
    }

    /** Removes the subscription; false when there was none. */
    public Uni<Boolean> delete(String site, String userId) {
        return subscriptions().deleteOne(Filters.eq("_id", key(site, userId))).map(r -> r.getDeletedCount() > 0);
    }

    /** Removes the subscription only while it still holds {@code email}; false otherwise. */
    public Uni<Boolean> deleteIfAddress(String site, String userId, String email) {
        return subscriptions().deleteOne(Filters.and(Filters.eq("_id", key(site, userId)), Filters.eq("email", email)))
                .map(r -> r.getDeletedCount() > 0);
    }
}
