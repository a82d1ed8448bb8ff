package io.parley.events.comments;

/**
 * A post (thread) changed outside its comments: an admin made it read-only or writable, or its title was
 * set or re-read. Published on {@code comment-events} with the post's key, so it stays in order with the
 * post's comment events; type {@link CommentEventTypes#POST_UPDATED}.
 *
 * @param site the site (tenant)
 * @param postUrl the post's URL as the dialects address it
 * @param title the post's title, or null when unknown
 * @param readOnly no new comments accepted (Remark42 {@code read_only})
 * @param version 1 for the first change, one more with every change, for versioned upserts
 */
public record PostUpdated(String site, String postUrl, String title, boolean readOnly, long version) {
}
