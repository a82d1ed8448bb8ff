package io.parley.votes.service;

import java.time.Instant;

/**
 * One voter's vote on one comment.
 *
 * @param commentId the comment
 * @param voter who voted: {@code net:<network>} (Isso) or {@code user:<id>} (Remark42)
 * @param value the value the comment's totals count: 1, -1 or 0 while a first vote is being recorded
 * @param pending a change that has been claimed but not yet finished, or null
 */
public record StoredVote(long commentId, String voter, int value, PendingChange pending) {

    /**
     * A claimed change of a vote.
     *
     * @param op unique id of the change; the totals document remembers it once applied, which makes applying idempotent
     * @param to the new value (0 withdraws the vote)
     * @param at when it was claimed
     */
    public record PendingChange(String op, int to, Instant at) {
    }
}
