package io.parley.notify.repository;

import java.time.Instant;

import io.parley.events.comments.CommentState;

/**
 * What notify-service keeps of a comment: enough to find who to tell about a reply. {@code email} is private
 * and never logged or returned.
 */
public record CommentReplica(long id, String site, String postUrl, Long parentId, String title, String authorName,
                             String email, boolean wantsReplies, String userId, CommentState state, long version,
                             Instant created) {

    @Override
    public String toString() {
        return "CommentReplica[id=" + id + ", site=" + site + ", parentId=" + parentId + ", state=" + state
                + ", version=" + version + "]";
    }
}
