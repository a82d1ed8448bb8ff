package io.parley.feed.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.votes.VoteCast;
import io.parley.feed.repository.VoteRepository;
import io.smallrye.mutiny.Uni;

/** Applies vote events: the totals with the highest vote version per comment win. */
@ApplicationScoped
public class VoteProjector {

    @Inject
    VoteRepository repository;

    /** @return true if the read model changed, false if this or a newer version was already stored */
    public Uni<Boolean> apply(VoteCast vote) {
        return repository.upsertIfNewer(vote);
    }
}
