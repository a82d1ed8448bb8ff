package io.parley.events.users;

/** An admin lifted a user's block on a site. */
public record UserUnblocked(String site, String userId, long version) implements UserEvent {
}
