package io.parley.events.users;

/** CloudEvent {@code type} and {@code source} values of the events auth-service produces. */
public final class UserEventTypes {
    public static final String SOURCE = "/parley/auth-service";
    public static final String BLOCKED = "user.blocked";
    public static final String UNBLOCKED = "user.unblocked";
    public static final String VERIFIED = "user.verified";
    public static final String DELETED = "user.deleted";

    private UserEventTypes() {
    }

    /** The body record class for a CloudEvent type, or null for a type this version does not know. */
    public static Class<? extends UserEvent> bodyType(String type) {
        return switch (type) {
            case BLOCKED -> UserBlocked.class;
            case UNBLOCKED -> UserUnblocked.class;
            case VERIFIED -> UserVerified.class;
            case DELETED -> UserDeleted.class;
            default -> null;
        };
    }
}
