package io.parley.votes.service;

import java.time.Instant;

import io.parley.events.votes.VoteTotals;

/**
 * The totals of one comment's votes as stored, with the outbox counters of the totals document.
 *
 * @param commentId the comment
 * @param site its site
 * @param postUrl its post
 * @param likes positive votes
 * @param dislikes negative votes
 * @param version vote changes applied so far
 * @param publishedVersion the highest version published as a {@code vote.cast} event
 * @param updatedAt when the last change was applied, or null when there was none
 */
public record Totals(long commentId, String site, String postUrl, long likes, long dislikes, long version,
                     long publishedVersion, Instant updatedAt) {

    public static Totals none(long commentId) {
        return new Totals(commentId, null, null, 0, 0, 0, 0, null);
    }

    public long score() {
        return likes - dislikes;
    }

    /** Voters with a vote on the comment (Remark42 counts them against {@code MAX_VOTES}). */
    public long voters() {
        return likes + dislikes;
    }

    public VoteTotals toEvent() {
        return new VoteTotals(likes, dislikes, score(), controversy(likes, dislikes));
    }

    /** Remark42's controversy (reddit's formula): (ups + downs) ^ (min / max), 0 unless both are positive. */
    public static double controversy(long ups, long downs) {
        if (ups <= 0 || downs <= 0) {
            return 0;
        }
        double balance = ups > downs ? (double) downs / ups : (double) ups / downs;
        return Math.pow(ups + downs, balance);
    }
}
