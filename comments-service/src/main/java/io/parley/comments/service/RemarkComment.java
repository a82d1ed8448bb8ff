package io.parley.comments.service;

import io.parley.events.comments.CommentState;

import java.time.Instant;

/**
 * A stored comment with what the Remark42 dialect shows of it (never email or client network).
 *
 * @param parentId the top-level ancestor (Isso's two-level model), or null
 * @param replyTo the comment a Remark42 reply answers (any depth), or null (top level, or posted through Isso)
 * @param userId the session user id of a signed-in author, or null for anonymous Isso authors
 * @param blockedUntil end of the author's block on the site, or null
 */
public record RemarkComment(long id, Long parentId, Long replyTo, CommentState state, String text, String html,
                            String author, String authorHash, String userId, String userPicture, boolean userAdmin,
                            Instant created, Instant modified, String editSummary, boolean pinned, int likes,
                            int dislikes, String site, String postUrl, String postTitle, Instant blockedUntil,
                            boolean verified) {

    /** The comment this one answers as Remark42 sees it: the exact one when known, else Isso's parent. */
    public Long pid() {
        return replyTo != null ? replyTo : parentId;
    }

    public boolean deleted() {
        return state != CommentState.PUBLISHED;
    }

    /** Remark42's user id; comments posted through Isso get {@code anonymous_<author hash>} (as feed-service). */
    public String remarkUserId() {
        return userId != null ? userId : "anonymous_" + (authorHash == null ? "" : authorHash);
    }

    public int score() {
        return likes - dislikes;
    }

    /** Remark42's (reddit's) controversy: 0 without both kinds of votes, else (u+d)^(min/max). */
    public double controversy() {
        if (likes <= 0 || dislikes <= 0) {
            return 0;
        }
        return Math.pow(likes + dislikes, (double) Math.min(likes, dislikes) / Math.max(likes, dislikes));
    }

    public boolean blockedAt(Instant now) {
        return blockedUntil != null && blockedUntil.isAfter(now);
    }
}
