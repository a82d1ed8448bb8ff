package io.parley.events.feed;

import java.time.Instant;

/**
 * The public part of a comment as post info carries it: nothing private (no e-mail, no client network).
 *
 * @param id the comment id
 * @param parentId the comment it replies to, or null
 * @param text the raw markdown
 * @param html the rendered and sanitised HTML
 * @param authorName the author's display name, or null
 * @param authorId the author's user id in Remark42's form ({@code anonymous_<hash>} for anonymous authors)
 * @param created when it was written
 * @param modified when it was last edited, or null
 * @param version the comment's version
 */
public record PostComment(long id, Long parentId, String text, String html, String authorName, String authorId,
                          Instant created, Instant modified, long version) {
}
