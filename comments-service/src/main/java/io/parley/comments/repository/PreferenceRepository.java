package io.parley.comments.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Service-wide settings kept in the database ({@code preferences} table). */
@ApplicationScoped
public class PreferenceRepository {

    @Inject
    Pool pool;

    /** The stored value of {@code key}, storing {@code candidate} first if none exists (first writer wins). */
    public Uni<String> getOrInsert(String key, String candidate) {
        return pool.preparedQuery("insert into preferences (key, value) values ($1, $2) on conflict (key) do nothing")
                .execute(Tuple.of(key, candidate))
                .flatMap(ignored -> pool.preparedQuery("select value from preferences where key = $1")
                        .execute(Tuple.of(key)))
                .map(PreferenceRepository::firstValue);
    }

    private static String firstValue(RowSet<Row> rows) {
        return rows.iterator().next().getString("value");
    }
}
