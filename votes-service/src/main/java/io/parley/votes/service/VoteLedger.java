package io.parley.votes.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.parley.votes.config.VotesConfig;
import io.parley.votes.repository.ReplicaRepository;
import io.parley.votes.repository.TotalsRepository;
import io.parley.votes.repository.VoteRepository;
import io.parley.votes.service.StoredVote.PendingChange;
import io.smallrye.mutiny.Uni;

/**
 * Records vote changes exactly, without multi-document transactions. A change goes through three single-document
 * steps: (1) it is claimed on the voter's vote document (unique per comment and voter, and only from the value
 * the rules were checked against), (2) it is applied to the comment's totals together with its op id, guarded by
 * "op not applied yet", (3) the vote document takes the new value. A request that dies between the steps leaves
 * the claim behind; {@link VoteReconciler} (or the voter's next request) completes it, and step 2's guard makes
 * a second application impossible. So the totals always equal the sum of the stored votes.
 */
@ApplicationScoped
public class VoteLedger {

    private static final int ATTEMPTS = 40;
    private static final Duration BUSY_PAUSE = Duration.ofMillis(15);

    @Inject
    VoteRepository votes;

    @Inject
    TotalsRepository totals;

    @Inject
    ReplicaRepository replicas;

    @Inject
    VotesConfig config;

    @Inject
    Event<TotalsChanged> changed;

    /** A dialect's rules: from the voter's current value (0 = none) and the totals, the new value or a refusal. */
    @FunctionalInterface
    public interface Rules<R> {
        Decision<R> decide(int current, Totals totals);
    }

    /** Either a new value for the voter's vote or the reason why not. */
    public record Decision<R>(int to, R refusal) {
        public static <R> Decision<R> refuse(R refusal) {
            return new Decision<>(0, refusal);
        }

        public static <R> Decision<R> change(int to) {
            return new Decision<>(to, null);
        }
    }

    /**
     * What happened.
     *
     * @param totals the comment's totals afterwards
     * @param refusal the rules' refusal, or null
     * @param busy another change of the same voter's vote kept running; nothing was done
     */
    public record Outcome<R>(Totals totals, R refusal, boolean busy) {
        public boolean accepted() {
            return refusal == null && !busy;
        }
    }

    /** Fired after totals changed, so the relay publishes them at once. */
    public record TotalsChanged(long commentId) {
    }

    public <R> Uni<Outcome<R>> vote(ReplicaComment comment, String voter, Rules<R> rules) {
        return attempt(comment, voter, rules, ATTEMPTS);
    }

    private <R> Uni<Outcome<R>> attempt(ReplicaComment comment, String voter, Rules<R> rules, int attemptsLeft) {
        return Uni.combine().all().unis(votes.find(comment.id(), voter), totals.get(comment.id())).asTuple()
                .flatMap(state -> {
                    StoredVote vote = state.getItem1();
                    Totals current = state.getItem2();
                    if (vote != null && vote.pending() != null) {
                        return unfinished(comment, vote, current, rules, attemptsLeft);
                    }
                    int value = vote == null ? 0 : vote.value();
                    Decision<R> decision = rules.decide(value, current);
                    if (decision.refusal() != null) {
                        return Uni.createFrom().item(new Outcome<>(current, decision.refusal(), false));
                    }
                    PendingChange change = new PendingChange(UUID.randomUUID().toString(), decision.to(), Instant.now());
                    Uni<Boolean> claimed = vote == null ? votes.claimFirst(comment.id(), voter, change)
                            : votes.claimChange(comment.id(), voter, value, change);
                    return claimed.flatMap(won -> won
                            ? complete(comment.site(), comment.postUrl(), comment.id(), voter, value, change)
                                    .map(after -> new Outcome<R>(after, null, false))
                            // Another request of the same voter changed the vote since it was read: decide again.
                            : retry(comment, voter, rules, attemptsLeft, current));
                });
    }

    private <R> Uni<Outcome<R>> unfinished(ReplicaComment comment, StoredVote vote, Totals current, Rules<R> rules,
                                           int attemptsLeft) {
        if (stale(vote.pending())) {
            return complete(comment.site(), comment.postUrl(), comment.id(), vote.voter(), vote.value(), vote.pending())
                    .flatMap(ignored -> attempt(comment, vote.voter(), rules, attemptsLeft - 1));
        }
        return retry(comment, vote.voter(), rules, attemptsLeft, current);
    }

    private <R> Uni<Outcome<R>> retry(ReplicaComment comment, String voter, Rules<R> rules, int attemptsLeft,
                                      Totals current) {
        if (attemptsLeft <= 1) {
            return Uni.createFrom().item(new Outcome<>(current, null, true));
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(BUSY_PAUSE)
                .flatMap(ignored -> attempt(comment, voter, rules, attemptsLeft - 1));
    }

    boolean stale(PendingChange change) {
        return change.at().isBefore(Instant.now().minus(config.outbox().reconcileAfter()));
    }

    /**
     * Steps 2 and 3 of a claimed change; safe to run again for the same change (by the reconciler).
     *
     * @return the totals afterwards
     */
    Uni<Totals> complete(String site, String postUrl, long commentId, String voter, int from, PendingChange change) {
        int likes = (change.to() == 1 ? 1 : 0) - (from == 1 ? 1 : 0);
        int dislikes = (change.to() == -1 ? 1 : 0) - (from == -1 ? 1 : 0);
        return totals.apply(site, postUrl, commentId, change.op(), likes, dislikes, Instant.now())
                .flatMap(after -> votes.finish(commentId, voter, change)
                        .flatMap(ignored -> after != null ? Uni.createFrom().item(after) : totals.get(commentId)))
                .invoke(after -> changed.fireAsync(new TotalsChanged(commentId)));
    }

    /** Completes a change whose request died, looking up where the comment lives. */
    Uni<Void> completeStale(StoredVote vote) {
        return replicas.comment(vote.commentId())
                .flatMap(comment -> complete(comment == null ? null : comment.site(),
                        comment == null ? null : comment.postUrl(), vote.commentId(), vote.voter(), vote.value(),
                        vote.pending()))
                .replaceWithVoid();
    }
}
