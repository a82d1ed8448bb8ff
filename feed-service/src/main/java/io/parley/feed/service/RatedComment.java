package io.parley.feed.service;

import io.parley.events.votes.VoteTotals;

/** A comment with its vote totals (zeros when nobody voted). */
public record RatedComment(StoredComment comment, VoteTotals votes) {

    static final VoteTotals NO_VOTES = new VoteTotals(0, 0, 0, 0.0);
}
