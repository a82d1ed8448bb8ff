package io.parley.votes.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.votes.config.VotesConfig;
import io.parley.votes.service.VoteLedger.Decision;
import io.smallrye.mutiny.Uni;

/**
 * Isso's like/dislike: one vote per anonymised client network and comment, never undone; the author's own
 * network cannot vote (Isso seeds each comment's voters with it). Votes are counted exactly, so Isso's cap of 142
 * (a Bloom filter limit) applies only when configured.
 */
@ApplicationScoped
public class IssoVoteService {

    /** Isso's answer: the totals, and a message when the vote was refused. */
    public record Result(long likes, long dislikes, String message) {
    }

    private enum Refusal { ALREADY_VOTED, TOO_MANY }

    @Inject
    CommentReplica replica;

    @Inject
    VoteLedger ledger;

    @Inject
    VotesConfig config;

    /** @return the answer, or null when the comment is unknown (Isso answers {@code null}) */
    public Uni<Result> vote(long commentId, boolean up, String network) {
        String operation = up ? "Upvote" : "Downvote";
        return replica.await(commentId).flatMap(comment -> {
            if (comment == null || !comment.votable() || !config.defaultSite().equals(comment.site())) {
                return Uni.createFrom().nullItem();
            }
            VoteLedger.Rules<Refusal> rules = (current, totals) -> {
                Integer max = config.isso().maxVotes().orElse(null);
                if (max != null && totals.voters() >= max) {
                    return Decision.refuse(Refusal.TOO_MANY);
                }
                if (current != 0 || network.equals(comment.authorNetwork())) {
                    return Decision.refuse(Refusal.ALREADY_VOTED);
                }
                return Decision.change(up ? 1 : -1);
            };
            return ledger.vote(comment, "net:" + network, rules).map(outcome -> {
                Totals totals = outcome.totals();
                if (outcome.accepted()) {
                    return new Result(totals.likes(), totals.dislikes(), null);
                }
                String message = outcome.refusal() == Refusal.TOO_MANY
                        ? String.format("%s denied due to a \"likes + dislikes\" total too high (%d >= %d)", operation,
                                totals.voters(), config.isso().maxVotes().orElse(0))
                        // Isso appends the address; an address is never returned here.
                        : operation + " denied because a vote has already been registered for this remote address";
                return new Result(totals.likes(), totals.dislikes(), message);
            });
        });
    }
}
