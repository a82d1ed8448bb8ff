package io.parley.events.votes;

/** CloudEvent {@code type} and {@code source} values of the events votes-service produces. */
public final class VoteEventTypes {
    public static final String SOURCE = "/parley/votes-service";
    public static final String CAST = "vote.cast";

    private VoteEventTypes() {
    }

    /** The body record class for a CloudEvent type, or null for a type this version does not know. */
    public static Class<?> bodyType(String type) {
        return CAST.equals(type) ? VoteCast.class : null;
    }
}
