package io.parley.events.comments;

/** CloudEvent {@code type} and {@code source} values of the events comments-service produces. */
public final class CommentEventTypes {
    public static final String SOURCE = "/parley/comments-service";
    public static final String POSTED = "comment.posted";
    public static final String EDITED = "comment.edited";
    public static final String DELETED = "comment.deleted";
    public static final String MODERATED = "comment.moderated";
    /** A post's own state changed; body {@link PostUpdated}, not a {@link CommentEvent}. */
    public static final String POST_UPDATED = "post.updated";

    private CommentEventTypes() {
    }

    /**
     * The body record class for a comment event type, or null for any other type (including
     * {@link #POST_UPDATED}, whose body is a {@link PostUpdated}), which consumers that do not need it skip.
     */
    public static Class<? extends CommentEvent> bodyType(String type) {
        return switch (type) {
            case POSTED -> CommentPosted.class;
            case EDITED -> CommentEdited.class;
            case DELETED -> CommentDeleted.class;
            case MODERATED -> CommentModerated.class;
            default -> null;
        };
    }
}
