package io.parley.events;

/** Kafka topic names. Keys are documented per topic in docs/events.md. */
public final class Topics {
    /** Key {@code site|postUrl}, so one post's events stay in order. */
    public static final String COMMENT_EVENTS = "comment-events";
    /** Key comment id. */
    public static final String VOTE_EVENTS = "vote-events";
    /** Key user id. */
    public static final String USER_EVENTS = "user-events";
    /** Compacted; key {@code site|postUrl}, value the latest post info. */
    public static final String POST_INFO = "post-info";

    private Topics() {
    }

    /** The record key of a post: its site and URL, joined by {@code |} (a URL may contain '|', a site id may not). */
    public static String postKey(String site, String postUrl) {
        return site + "|" + postUrl;
    }
}
