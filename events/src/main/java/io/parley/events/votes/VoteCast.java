package io.parley.events.votes;

import java.time.Instant;

/**
 * A vote on a comment was cast, reversed or withdrawn; carries the comment's new totals. Published on
 * {@code vote-events} with the comment id as key, so one comment's totals stay in order.
 *
 * @param site the site of the comment
 * @param postUrl the post the comment belongs to
 * @param commentId the comment
 * @param totals the comment's totals after this change
 * @param version how many vote changes the comment has had, counting this one; consumers keep the totals with
 *                the highest version, so redeliveries and stale replays change nothing
 * @param at when the change was made
 */
public record VoteCast(String site, String postUrl, long commentId, VoteTotals totals, long version, Instant at) {
}
