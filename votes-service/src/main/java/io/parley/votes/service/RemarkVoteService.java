package io.parley.votes.service;

import static io.parley.votes.service.RemarkVoteException.rejected;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.session.SessionException;
import io.parley.session.SessionUser;
import io.parley.votes.config.VotesConfig;
import io.parley.votes.repository.ReplicaRepository;
import io.parley.votes.repository.VoteRepository;
import io.parley.votes.service.VoteLedger.Decision;
import io.smallrye.mutiny.Uni;

/**
 * Remark42's {@code PUT /vote/{id}}: one vote per user and comment; the same direction again is refused, the
 * opposite direction withdraws the earlier vote; read-only posts, blocked users and own comments are refused, and
 * the optional same-address, maximum-votes and positive-score rules apply, in Remark42's order.
 */
@ApplicationScoped
public class RemarkVoteService {

    /** The new score of the comment. */
    public record Result(String id, long score) {
    }

    @Inject
    CommentReplica replica;

    @Inject
    ReplicaRepository replicas;

    @Inject
    VoteRepository votes;

    @Inject
    VoteLedger ledger;

    @Inject
    VotesConfig config;

    public Uni<Result> vote(SessionUser user, String site, String url, String id, boolean up, String clientAddress) {
        VotesConfig.Remark rules = config.remark();
        if (user.anonymous() && !rules.anonVote()) {
            return Uni.createFrom().failure(SessionException.forbidden());
        }
        Instant now = Instant.now();
        return replicas.readOnly(site, url).flatMap(readOnly -> {
            if (readOnly) {
                throw new RemarkVoteException(403, RemarkVoteException.READ_ONLY, "rejected", "old post, read-only");
            }
            return replicas.blocked(site, user.id(), now);
        }).flatMap(blocked -> {
            if (blocked || user.blocked()) {
                throw new RemarkVoteException(403, RemarkVoteException.USER_BLOCKED, "rejected", "user blocked");
            }
            return commentOf(site, url, id);
        }).flatMap(comment -> {
            if (user.id().equals(comment.authorUserId())) {
                throw rejected(RemarkVoteException.VOTE_SELF,
                        "user " + user.id() + " can not vote for his own comment " + id);
            }
            String address = rules.votesIp() ? addressHash(clientAddress) : null;
            Instant since = rules.votesIpTime().isZero() ? null : now.minus(rules.votesIpTime());
            Uni<Integer> addressVote = address == null ? Uni.createFrom().nullItem()
                    : votes.addressVote(comment.id(), address, since);
            return addressVote.flatMap(fromAddress -> decide(user, comment, id, up, fromAddress))
                    .call(outcome -> address == null ? Uni.createFrom().voidItem()
                            : votes.recordAddressVote(comment.id(), address, outcome.to(), now))
                    .map(outcome -> new Result(id, outcome.score()));
        });
    }

    private record Cast(int to, long score) {
    }

    private Uni<Cast> decide(SessionUser user, ReplicaComment comment, String id, boolean up, Integer fromAddress) {
        int value = up ? 1 : -1;
        int[] to = new int[1];
        VoteLedger.Rules<RemarkVoteException> rules = (current, totals) -> {
            if (current == value) {
                return Decision.refuse(rejected(RemarkVoteException.VOTE_TWICE,
                        "user " + user.id() + " already voted for " + id));
            }
            if (fromAddress != null && fromAddress == value) {
                return Decision.refuse(rejected(RemarkVoteException.VOTE_REJECTED,
                        "the same ip already voted for " + id));
            }
            int max = config.remark().maxVotes();
            if (max >= 0 && totals.voters() >= max) {
                return Decision.refuse(rejected(RemarkVoteException.VOTE_MAX,
                        "maximum number of votes exceeded for comment " + id));
            }
            if (config.remark().positiveScore() && totals.score() <= 0 && !up) {
                return Decision.refuse(rejected(RemarkVoteException.VOTE_MIN_SCORE,
                        "minimal score reached for comment " + id));
            }
            // The opposite direction withdraws the earlier vote.
            to[0] = current == 0 ? value : 0;
            return Decision.change(to[0]);
        };
        return ledger.vote(comment, "user:" + user.id(), rules).map(outcome -> {
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
            if (outcome.busy()) {
                throw rejected(RemarkVoteException.VOTE_REJECTED, "another vote of user " + user.id() + " on " + id
                        + " is in progress");
            }
            return new Cast(to[0], outcome.totals().score());
        });
    }

    /** The comment on that post of that site; anything else is refused as Remark42 refuses a failed lookup. */
    private Uni<ReplicaComment> commentOf(String site, String url, String id) {
        long commentId;
        try {
            commentId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(notFound(id));
        }
        return replica.await(commentId).map(comment -> {
            if (comment == null || !comment.votable() || !comment.site().equals(site)
                    || !comment.postUrl().equals(url)) {
                throw notFound(id);
            }
            return comment;
        });
    }

    private static RemarkVoteException notFound(String id) {
        return rejected(RemarkVoteException.VOTE_REJECTED, "can't get comment " + id);
    }

    /** Remark42 keeps HMAC hashes of voters' addresses, never the addresses. */
    private String addressHash(String clientAddress) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.remark().ipSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] hash = mac.doFinal(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

}
