package io.parley.events.users;

/**
 * Body of every event on {@code user-events} (key: the user id). Each states the user's new state rather
 * than a delta, with a per-user {@code version} that grows with every change, so consumers can apply
 * versioned upserts and ignore redeliveries.
 */
public sealed interface UserEvent permits UserBlocked, UserUnblocked, UserVerified, UserDeleted {
    String site();

    String userId();

    long version();
}
