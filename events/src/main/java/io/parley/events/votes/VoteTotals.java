package io.parley.events.votes;

/**
 * The totals of one comment's votes, counted from the stored votes.
 *
 * @param likes positive votes (Isso {@code likes})
 * @param dislikes negative votes (Isso {@code dislikes})
 * @param score likes minus dislikes (Remark42 {@code score})
 * @param controversy Remark42's controversy of these likes and dislikes
 */
public record VoteTotals(long likes, long dislikes, long score, double controversy) {
}
