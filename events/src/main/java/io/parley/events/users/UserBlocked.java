package io.parley.events.users;

import java.time.Instant;

/**
 * An admin blocked a user on a site: the user can no longer post or vote there.
 *
 * @param until when the block ends, or null for a permanent block (whose comments Remark42 also deletes)
 */
public record UserBlocked(String site, String userId, Instant until, long version) implements UserEvent {
}
