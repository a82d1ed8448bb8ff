package io.parley.events.feed;

/** CloudEvent {@code type} and {@code source} values of the events feed-service produces. */
public final class FeedEventTypes {
    public static final String SOURCE = "/parley/feed-service";
    /** Body {@link PostInfoChanged}, on the compacted {@code post-info} topic. */
    public static final String POST_INFO = "post.info";

    private FeedEventTypes() {
    }

    /** The body record class for a CloudEvent type, or null for a type this version does not know. */
    public static Class<?> bodyType(String type) {
        return POST_INFO.equals(type) ? PostInfoChanged.class : null;
    }
}
