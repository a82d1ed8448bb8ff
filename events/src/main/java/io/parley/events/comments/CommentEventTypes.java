package io.parley.events.comments;

/** CloudEvent {@code type} and {@code source} values of the events comments-service produces. */
public final class CommentEventTypes {
    public static final String SOURCE = "/parley/comments-service";
    public static final String POSTED = "comment.posted";
    public static final String EDITED = "comment.edited";
    public static final String DELETED = "comment.deleted";
    public static final String MODERATED = "comment.moderated";

    private CommentEventTypes() {
    }

    /** The body record class for a CloudEvent type, or null for a type this version does not know. */
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
