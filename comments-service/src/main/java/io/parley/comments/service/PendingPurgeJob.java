package io.parley.comments.service;

import io.parley.comments.config.ParleyConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Isso's moderation purge: pending comments nobody approved within {@code purge-after} are deleted. */
@ApplicationScoped
public class PendingPurgeJob {

    private static final Logger LOG = Logger.getLogger(PendingPurgeJob.class);
    private static final int BATCH = 100;

    @Inject
    ParleyConfig config;

    @Inject
    CommentService comments;

    @Scheduled(every = "${parley.isso.moderation.purge-interval:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(e -> LOG.warn("purge of pending comments failed", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes every pending comment older than {@code purge-after}; the number deleted. */
    public Uni<Integer> purge() {
        Instant before = Instant.now().minus(config.isso().moderation().purgeAfter());
        return comments.purgePending(before, BATCH)
                .flatMap(n -> n < BATCH ? Uni.createFrom().item(n) : purge().map(more -> n + more));
    }
}
