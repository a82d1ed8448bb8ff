package io.parley.auth.messaging;

import io.parley.auth.config.AuthConfig;
import io.parley.events.users.UserEventTypes;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the user-event outbox to Kafka. Admin changes are rare, so the relay is simple: one pass at a time per
 * process, one replica at a time (transaction-scoped advisory lock), rows sent one after the other in {@code seq}
 * order, each marked sent only after the broker's ack; the first failure ends the pass and the next sweep retries.
 * At least once: consumers apply the per-user {@code version}.
 */
@ApplicationScoped
public class UserEventRelay {

    private static final Logger LOG = Logger.getLogger(UserEventRelay.class);
    private static final URI SOURCE = URI.create(UserEventTypes.SOURCE);
    // "parley-users" relay lock; shared by all replicas of auth-service (its own database).
    private static final long LOCK = 0x75736572734f7574L;
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1) as locked";
    private static final String PENDING = "select id, record_key, event_type, payload, created_at from outbox "
            + "where sent_at is null order by seq limit $1 for update skip locked";
    private static final String SENT = "update outbox set sent_at = now() where id = $1";

    @Inject
    Pool pool;

    @Inject
    AuthConfig config;

    @Inject
    @Channel("user-events")
    MutinyEmitter<String> emitter;

    private final AtomicBoolean busy = new AtomicBoolean();

    /** Publishes what is pending now (after a commit); a pass already running picks it up or the sweep does. */
    public void trigger() {
        if (busy.compareAndSet(false, true)) {
            pass().subscribe().with(sent -> busy.set(false), failure -> {
                busy.set(false);
                LOG.warnf("user event relay pass failed, the next sweep retries: %s", failure.toString());
            });
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

    /** One transaction: lock, claim a batch, send each row in order, mark it sent after its ack. */
    Uni<Integer> pass() {
        return pool.withTransaction(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK))
                .flatMap(result -> result.iterator().next().getBoolean("locked")
                        ? conn.preparedQuery(PENDING).execute(Tuple.of(config.outbox().batchSize()))
                                .flatMap(rows -> sendInOrder(conn, rows))
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sendInOrder(SqlConnection conn, Iterable<Row> rows) {
        List<Row> batch = new ArrayList<>();
        rows.forEach(batch::add);
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(row -> emitter.sendMessage(message(row))
                        .flatMap(acked -> conn.preparedQuery(SENT).execute(Tuple.of(row.getUUID("id"))))
                        .replaceWith(1))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .onFailure().invoke(e -> LOG.debugf("publishing stopped: %s", e.toString()));
    }

    private static Message<String> message(Row row) {
        UUID id = row.getUUID("id");
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(id.toString())
                .withType(row.getString("event_type"))
                .withSource(SOURCE)
                .withDataContentType("application/json")
                .withTimestamp(row.getOffsetDateTime("created_at").atZoneSameInstant(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.getString("record_key"))
                .build();
        return Message.of(row.getString("payload"), Metadata.of(cloudEvent, kafka));
    }
}
