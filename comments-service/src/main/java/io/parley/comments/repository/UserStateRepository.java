package io.parley.comments.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What comments-service knows of users (blocked, verified, deleted), learnt from {@code user-events}. */
@ApplicationScoped
public class UserStateRepository {

    private static final String BLOCKED_UNTIL =
            "select blocked_until from user_states where site = $1 and user_id = $2";
    // Versioned upsert: a change applies only when newer than what is stored, so redeliveries change nothing.
    private static final String UPSERT = "insert into user_states as s (site, user_id, blocked_until, verified, "
            + "deleted, version) values ($1, $2, $3, coalesce($4, false), $5, $6) "
            + "on conflict (site, user_id) do update set "
            + "blocked_until = case when $7 then excluded.blocked_until else s.blocked_until end, "
            + "verified = coalesce($4, s.verified), deleted = s.deleted or excluded.deleted, "
            + "version = excluded.version where s.version < excluded.version";

    @Inject
    Pool pool;

    /** End of the user's block on {@code site}, or null when not blocked (or unknown). */
    public Uni<Instant> blockedUntil(String site, String userId) {
        return pool.preparedQuery(BLOCKED_UNTIL).execute(Tuple.of(site, userId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            OffsetDateTime until = rows.iterator().next().getOffsetDateTime("blocked_until");
            return until == null ? null : until.toInstant();
        });
    }

    /**
     * Applies one user event's new state when {@code version} is newer than the stored one.
     *
     * @param setBlock whether this event states the block ({@code blockedUntil} null then lifts it)
     * @param verified the new verified mark, or null when this event does not state it
     * @return true when the change was applied, false for a stale or repeated event
     */
    public Uni<Boolean> apply(SqlClient client, String site, String userId, boolean setBlock, Instant blockedUntil,
                              Boolean verified, boolean deleted, long version) {
        Tuple args = Tuple.tuple().addString(site).addString(userId)
                .addOffsetDateTime(blockedUntil == null ? null : blockedUntil.atOffset(ZoneOffset.UTC))
                .addBoolean(verified).addBoolean(deleted).addLong(version).addBoolean(setBlock);
        return client.preparedQuery(UPSERT).execute(args).map(rows -> rows.rowCount() > 0);
    }
}
