package io.parley.comments.messaging;

import io.parley.comments.config.ParleyConfig;
import io.parley.events.comments.CommentEventTypes;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in {@code seq} order and marks each row sent only after the broker acked it.
 * Runs right after each commit and on a periodic sweep (leftovers after a crash or a broker outage). Each pass
 * is one transaction holding a PostgreSQL advisory lock, so across all replicas one relay publishes at a time
 * and a post's events are handed to the producer in order; a replica that finds the lock taken skips its pass. In one
 * process only one pass runs at a time. Delivery is at least once; consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final URI SOURCE = URI.create(CommentEventTypes.SOURCE);
    private static final String CLAIM = "select id, topic, record_key, event_type, payload, created_at from outbox "
            + "where sent_at is null order by seq limit $1 for update skip locked";
    // Any fixed number shared by all replicas: "parley-outbox" in ASCII.
    private static final long RELAY_LOCK = 0x7061726c65796fL;
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1) as locked";
    private static final String MARK_SENT = "update outbox set sent_at = now() where id = any($1)";

    @Inject
    Pool pool;

    @Inject
    ParleyConfig config;

    @Inject
    @Channel("comment-events")
    MutinyEmitter<String> emitter;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    /** Asks for a pass; returns at once. A request during a pass makes that pass go round once more. */
    public void trigger() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    // Skipped while the application (and so its channel) is still starting or already stopping: on a slow start
    // the scheduler fires before the emitter exists.
    @Scheduled(every = "${parley.outbox.sweep-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        trigger();
    }

    private void runPass() {
        requested.set(false);
        drain().subscribe().with(ignored -> passEnded(true), failure -> {
            LOG.warnf("outbox relay pass failed, the next sweep retries: %s", failure.toString());
            passEnded(false);
        });
    }

    private void passEnded(boolean completed) {
        running.set(false);
        // A failed pass waits for the next sweep instead of spinning against a broken broker or database.
        if (completed && requested.get() && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** Publishes batches until the outbox is empty or a publish fails. */
    private Uni<Void> drain() {
        int batchSize = config.outbox().batchSize();
        return pool.withTransaction(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(RELAY_LOCK))
                        .flatMap(lock -> lock.iterator().next().getBoolean("locked")
                                ? claimAndPublish(conn, batchSize)
                                : Uni.createFrom().item(0)))
                .flatMap(published -> published == batchSize ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> claimAndPublish(SqlConnection conn, int batchSize) {
        return conn.preparedQuery(CLAIM).execute(Tuple.of(batchSize)).flatMap(rows -> {
            List<Row> claimed = new ArrayList<>();
            rows.forEach(claimed::add);
            Queue<UUID> acked = new ConcurrentLinkedQueue<>();
            // A failed publish still commits the marks of the rows acked in the same batch; the rest wait for the
            // next sweep.
            return publishAll(claimed, acked)
                    .flatMap(completed -> markSent(conn, List.copyOf(acked))
                            .replaceWith(completed ? claimed.size() : -1));
        });
    }

    /**
     * Hands the whole batch to the producer at once, in {@code seq} order, and waits for every ack: the idempotent
     * producer keeps that order within a partition, so one post's events stay in order while a batch costs one
     * round trip instead of one per event. Should a send fail, later rows of the batch may be acked before it is
     * retried; consumers apply versioned upserts, so the newer state wins either way.
     */
    private Uni<Boolean> publishAll(List<Row> rows, Queue<UUID> acked) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        List<Uni<Boolean>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            sends.add(emitter.sendMessage(toMessage(row))
                    .invoke(() -> acked.add(id))
                    .replaceWith(true)
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("publishing outbox event %s failed, retrying on the next sweep: %s", id, failure);
                        return false;
                    }));
        }
        return Uni.join().all(sends).andFailFast()
                .map(results -> results.stream().allMatch(Boolean::booleanValue));
    }

    private Uni<Void> markSent(SqlConnection conn, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(MARK_SENT).execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    private static Message<String> toMessage(Row row) {
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(row.getUUID("id").toString())
                .withType(row.getString("event_type"))
                .withSource(SOURCE)
                .withDataContentType("application/json")
                .withTimestamp(created == null ? null : created.atZoneSameInstant(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .build();
        return Message.of(row.getString("payload"), Metadata.of(cloudEvent, kafka));
    }
}
