package io.parley.events.users;

/** An admin set or cleared a user's verified mark on a site (Remark42 {@code verified}). */
public record UserVerified(String site, String userId, boolean verified, long version) implements UserEvent {
}
