package io.parley.votes.service;

import io.parley.events.comments.CommentState;

/**
 * What votes-service knows of a comment, from comment events: enough to apply the vote rules.
 *
 * @param id the comment id
 * @param site its site
 * @param postUrl its post
 * @param state published, pending, placeholder or deleted
 * @param authorUserId the session user who wrote it (Remark42), or null
 * @param authorNetwork the anonymised client network it was written from (Isso), or null; private
 * @param version the comment's version in the events
 */
public record ReplicaComment(long id, String site, String postUrl, CommentState state, String authorUserId,
                             String authorNetwork, long version) {

    /** Published comments and placeholders of deleted ones with replies are on the page and can be voted on. */
    public boolean votable() {
        return state == CommentState.PUBLISHED || state == CommentState.DELETED_PLACEHOLDER;
    }

    @Override
    public String toString() {
        return "ReplicaComment[id=" + id + ", site=" + site + ", state=" + state + ", version=" + version + "]";
    }
}
