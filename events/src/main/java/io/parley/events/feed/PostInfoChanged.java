package io.parley.events.feed;

import java.time.Instant;

/**
 * The latest public info of one post, published by feed-service on the compacted {@code post-info} topic
 * (key {@code site|postUrl}) whenever it changes; type {@link FeedEventTypes#POST_INFO}. Every feed-service
 * replica replays the topic from the beginning, so the newest record per post is the live state of the post.
 *
 * @param site the site (tenant)
 * @param postUrl the post's URL
 * @param title the post's title, or null when unknown
 * @param readOnly no new comments accepted
 * @param count published comments
 * @param firstTime creation time of the oldest published comment, or null without one
 * @param lastTime creation time of the newest published comment, or null without one
 * @param lastComment the newest published comment, or null without one
 * @param version grows with every change of the post's read model (the sum of the versions of the events it
 *                holds, so a rebuild from scratch reaches the same numbers); consumers keep the highest
 */
public record PostInfoChanged(String site, String postUrl, String title, boolean readOnly, int count,
                              Instant firstTime, Instant lastTime, PostComment lastComment, long version) {
}
