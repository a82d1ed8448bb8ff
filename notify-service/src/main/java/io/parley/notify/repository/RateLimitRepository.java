package io.parley.notify.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Fixed-window counters per recipient, shared by every replica: one document per address holding the current
 * window and the mails counted in it.
 */
@ApplicationScoped
public class RateLimitRepository {

    @Inject
    MongoStore store;

    private ReactiveMongoCollection<Document> counters() {
        return store.collection("rate-limits");
    }

    /** Counts one mail to {@code recipient} in {@code window}; false when {@code limit} mails were counted already. */
    public Uni<Boolean> tryAcquire(String recipient, long window, int limit) {
        return counters().updateOne(
                        Filters.and(Filters.eq("_id", recipient), Filters.eq("window", window), Filters.lt("count", limit)),
                        Updates.inc("count", 1))
                .flatMap(counted -> {
                    if (counted.getMatchedCount() > 0) {
                        return Uni.createFrom().item(true);
                    }
                    // No room in this window, or the document is from an older window (or missing): start this one.
                    // A full current window makes the upsert collide on _id, which means "limit reached".
                    return counters().updateOne(Filters.and(Filters.eq("_id", recipient), Filters.ne("window", window)),
                                    Updates.combine(Updates.set("window", window), Updates.set("count", 1)),
                                    new UpdateOptions().upsert(true))
                            .map(started -> true)
                            .onFailure(MongoStore::isDuplicateKey).recoverWithItem(false);
                });
    }
}
