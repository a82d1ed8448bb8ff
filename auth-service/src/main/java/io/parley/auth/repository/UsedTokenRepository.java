package io.parley.auth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;

/** Ids of single-use tokens already redeemed; shared by all replicas, so a token works once in the whole system. */
@ApplicationScoped
public class UsedTokenRepository {

    private static final String USE = "insert into used_tokens (jti, expires_at) values ($1, $2) "
            + "on conflict (jti) do nothing";
    private static final String FORGET = "delete from used_tokens where expires_at < $1";

    @Inject
    Pool pool;

    /** Marks the token used; false when it was used before. */
    public Uni<Boolean> use(String jti, Instant expiresAt) {
        return pool.preparedQuery(USE).execute(Tuple.of(jti, expiresAt.atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }

    /** Forgets tokens that expired before {@code before}: they are refused for their expiry anyway. */
    public Uni<Integer> forgetExpired(Instant before) {
        return pool.preparedQuery(FORGET).execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(r -> r.rowCount());
    }
}
