package io.parley.notify.repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The delivery log. Every state change is one single-document atomic update whose filter names the state it
 * leaves, so two senders (two replicas, or a restarted one) can never both own a mail.
 */
@ApplicationScoped
public class DeliveryRepository {

    @Inject
    MongoStore store;

    private ReactiveMongoCollection<Document> deliveries() {
        return store.collection("deliveries");
    }

    /** Index for the claim query (a real MongoDB uses it; the local wire server ignores it). */
    public Uni<Void> createIndexes() {
        return deliveries().createIndex(Indexes.ascending("state", "due"), new IndexOptions().name("state_due"))
                .replaceWithVoid();
    }

    /** Adds a mail to the log; false when the (event, recipient) pair is already there. */
    public Uni<Boolean> enqueue(Delivery delivery) {
        return deliveries().insertOne(write(delivery)).map(ignored -> true)
                .onFailure(MongoStore::isDuplicateKey).recoverWithItem(false);
    }

    /** Takes the most overdue pending mail for sending, if any. */
    public Uni<Optional<Delivery>> claimNext(Instant now) {
        return deliveries().findOneAndUpdate(
                        Filters.and(Filters.eq("state", DeliveryState.PENDING.name()), Filters.lte("due", Date.from(now))),
                        Updates.combine(Updates.set("state", DeliveryState.SENDING.name()),
                                Updates.set("claimedAt", Date.from(now))),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("due")).returnDocument(ReturnDocument.AFTER))
                .map(d -> Optional.ofNullable(d).map(DeliveryRepository::read));
    }

    public Uni<Void> markSent(String id, int attempts, Instant at) {
        return leaveSending(id, Updates.combine(Updates.set("state", DeliveryState.SENT.name()),
                Updates.set("attempts", attempts), Updates.set("sentAt", Date.from(at)), Updates.unset("lastError")));
    }

    /** A failed try: back to pending, due again at {@code due}. */
    public Uni<Void> retryLater(String id, int attempts, Instant due, String error) {
        return leaveSending(id, Updates.combine(Updates.set("state", DeliveryState.PENDING.name()),
                Updates.set("attempts", attempts), Updates.set("due", Date.from(due)), Updates.set("lastError", error)));
    }

    /** Not tried (the recipient's rate limit): back to pending without counting a try. */
    public Uni<Void> defer(String id, Instant due) {
        return leaveSending(id, Updates.combine(Updates.set("state", DeliveryState.PENDING.name()),
                Updates.set("due", Date.from(due))));
    }

    public Uni<Void> deadLetter(String id, int attempts, String reason, Instant at) {
        return leaveSending(id, Updates.combine(Updates.set("state", DeliveryState.DEAD.name()),
                Updates.set("attempts", attempts), Updates.set("lastError", reason), Updates.set("deadAt", Date.from(at))));
    }

    private Uni<Void> leaveSending(String id, Bson update) {
        return deliveries().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", DeliveryState.SENDING.name())),
                update).replaceWithVoid();
    }

    /**
     * Mails claimed before {@code claimedBefore} and never marked: the sender crashed between claim and mark. Whether
     * SMTP got them is unknown, so they become dead letters rather than risk a second copy.
     */
    public Uni<Long> deadLetterInterrupted(Instant claimedBefore, Instant now) {
        return deliveries().updateMany(
                        Filters.and(Filters.eq("state", DeliveryState.SENDING.name()),
                                Filters.lt("claimedAt", Date.from(claimedBefore))),
                        Updates.combine(Updates.set("state", DeliveryState.DEAD.name()),
                                Updates.set("lastError", "interrupted during send; not retried to avoid a duplicate"),
                                Updates.set("deadAt", Date.from(now))))
                .map(result -> result.getModifiedCount());
    }

    public Uni<List<Delivery>> byEvent(String eventId) {
        return deliveries().find(Filters.eq("eventId", eventId)).map(DeliveryRepository::read).collect().asList();
    }

    public Uni<Long> count(DeliveryState state) {
        return deliveries().countDocuments(Filters.eq("state", state.name()));
    }

    private static Document write(Delivery d) {
        return new Document("_id", d.id()).append("eventId", d.eventId()).append("recipient", d.recipient())
                .append("kind", d.kind()).append("rateLimited", d.rateLimited()).append("subject", d.subject())
                .append("text", d.text()).append("html", d.html()).append("unsubscribeUrl", d.unsubscribeUrl())
                .append("state", d.state().name()).append("attempts", d.attempts()).append("due", Date.from(d.due()))
                .append("lastError", d.lastError());
    }

    private static Delivery read(Document d) {
        return new Delivery(d.getString("_id"), d.getString("eventId"), d.getString("recipient"), d.getString("kind"),
                Boolean.TRUE.equals(d.getBoolean("rateLimited")), d.getString("subject"), d.getString("text"),
                d.getString("html"), d.getString("unsubscribeUrl"), DeliveryState.valueOf(d.getString("state")),
                d.get("attempts", Number.class).intValue(), d.getDate("due").toInstant(), d.getString("lastError"));
    }
}
