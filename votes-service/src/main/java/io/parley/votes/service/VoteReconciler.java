package io.parley.votes.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.parley.votes.config.VotesConfig;
import io.parley.votes.repository.TotalsRepository;
import io.parley.votes.repository.VoteRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Completes vote changes left half-done by a crashed or stalled request and forgets old op ids on the totals
 * documents. A change counts as abandoned after {@code parley.outbox.reconcile-after}; op ids are kept three times
 * as long, so even the abandoned request, should it wake up, finds its op applied and does nothing.
 */
@ApplicationScoped
public class VoteReconciler {

    private static final Logger LOG = Logger.getLogger(VoteReconciler.class);
    private static final int BATCH = 500;

    @Inject
    VoteRepository votes;

    @Inject
    TotalsRepository totals;

    @Inject
    VoteLedger ledger;

    @Inject
    VotesConfig config;

    @Scheduled(every = "${parley.outbox.reconcile-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return reconcile().onFailure().recoverWithItem(failure -> {
            LOG.warnf("vote reconciliation failed, the next sweep retries: %s", failure.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** @return how many abandoned changes were completed */
    public Uni<Integer> reconcile() {
        Instant now = Instant.now();
        return votes.stalePending(now.minus(config.outbox().reconcileAfter()), BATCH)
                .flatMap(stale -> Multi.createFrom().iterable(stale)
                        .onItem().transformToUniAndConcatenate(vote -> ledger.completeStale(vote))
                        .collect().asList().map(done -> stale.size()))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("completed %d abandoned vote changes", count);
                    }
                })
                .call(() -> totals.forget(now.minus(config.outbox().reconcileAfter().multipliedBy(3))));
    }
}
