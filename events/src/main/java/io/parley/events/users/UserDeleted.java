package io.parley.events.users;

/** A user was deleted from a site (by an admin or on their own request): their comments go too. */
public record UserDeleted(String site, String userId, long version) implements UserEvent {
}
