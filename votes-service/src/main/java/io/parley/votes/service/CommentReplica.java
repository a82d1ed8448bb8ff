package io.parley.votes.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.votes.config.VotesConfig;
import io.parley.votes.repository.ReplicaRepository;
import io.smallrye.mutiny.Uni;

/**
 * Looks comments up in the replica. A comment is voted on only after its page showed it, so its event is at most
 * a moment behind; a vote for an id the replica does not know yet waits for it (polling with growing pauses, any
 * replica of this service may be the one consuming the event) for {@code parley.replica.max-wait} before the comment
 * counts as unknown.
 */
@ApplicationScoped
public class CommentReplica {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(250);

    @Inject
    ReplicaRepository replicas;

    @Inject
    VotesConfig config;

    /** The comment, or null when it is still unknown after the wait. */
    public Uni<ReplicaComment> await(long id) {
        Instant deadline = Instant.now().plus(config.replica().maxWait());
        return lookup(id, deadline, FIRST_PAUSE);
    }

    private Uni<ReplicaComment> lookup(long id, Instant deadline, Duration pause) {
        return replicas.comment(id).flatMap(comment -> {
            if (comment != null || Instant.now().plus(pause).isAfter(deadline)) {
                return Uni.createFrom().item(comment);
            }
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause).flatMap(ignored -> lookup(id, deadline, next));
        });
    }
}
