package io.parley.votes.messaging;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteEventTypes;
import io.parley.votes.config.VotesConfig;
import io.parley.votes.repository.TotalsRepository;
import io.parley.votes.service.Totals;
import io.parley.votes.service.VoteLedger.TotalsChanged;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The relay of the totals outbox: publishes a {@code vote.cast} for every totals document whose {@code version} is
 * above its {@code publishedVersion} (idempotent producer, acks=all, key = comment id), then records the published
 * version. Runs after each vote and on a periodic sweep (after a crash or a broker outage). Several replicas may
 * publish the same version; the event id ({@code commentId-version}) and the consumers' keep-the-highest-version
 * rule make that harmless. Publishing only the latest totals of a comment is enough: each event carries full totals.
 */
@ApplicationScoped
public class VoteRelay {

    private static final Logger LOG = Logger.getLogger(VoteRelay.class);
    private static final URI SOURCE = URI.create(VoteEventTypes.SOURCE);

    @Inject
    TotalsRepository totals;

    @Inject
    VotesConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Channel("vote-events")
    MutinyEmitter<String> emitter;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    void onChange(@ObservesAsync TotalsChanged change) {
        trigger();
    }

    /** Asks for a pass; returns at once. A request during a pass makes that pass go round once more. */
    public void trigger() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    // Skipped while the application (and so the channel) is still starting.
    @Scheduled(every = "${parley.outbox.sweep-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        trigger();
    }

    private void runPass() {
        requested.set(false);
        drain().subscribe().with(ignored -> passEnded(true), failure -> {
            LOG.warnf("vote relay pass failed, the next sweep retries: %s", failure.toString());
            passEnded(false);
        });
    }

    private void passEnded(boolean completed) {
        running.set(false);
        // A failed pass waits for the next sweep instead of spinning against a broken broker or store.
        if (completed && requested.get() && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    private Uni<Void> drain() {
        int batchSize = config.outbox().batchSize();
        return totals.unpublished(batchSize).flatMap(batch -> publishAll(batch)
                .flatMap(ignored -> batch.size() == batchSize ? drain() : Uni.createFrom().voidItem()));
    }

    /** Hands the batch to the producer at once and records each version after its ack. */
    private Uni<Void> publishAll(List<Totals> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndMerge(item -> emitter.sendMessage(toMessage(item))
                        .flatMap(ignored -> totals.published(item.commentId(), item.version())))
                .collect().asList().replaceWithVoid();
    }

    private Message<String> toMessage(Totals item) {
        Instant at = item.updatedAt() == null ? Instant.now() : item.updatedAt();
        VoteCast event = new VoteCast(item.site(), item.postUrl(), item.commentId(), item.toEvent(), item.version(), at);
        String body;
        try {
            body = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vote.cast cannot be written", e);
        }
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(item.commentId() + "-" + item.version())
                .withType(VoteEventTypes.CAST)
                .withSource(SOURCE)
                .withDataContentType("application/json")
                .withTimestamp(at.atZone(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Long.toString(item.commentId()))
                .build();
        return Message.of(body, Metadata.of(cloudEvent, kafka));
    }
}
