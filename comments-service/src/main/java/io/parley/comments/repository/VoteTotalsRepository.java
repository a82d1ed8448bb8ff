package io.parley.comments.repository;

import io.parley.events.votes.VoteCast;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The copies of votes-service's totals on each comment (Isso likes/dislikes, Remark42 score and controversy). */
@ApplicationScoped
public class VoteTotalsRepository {

    // Only a newer version of the totals replaces the stored one: redeliveries and stale replays change nothing.
    private static final String APPLY = "update comments set likes = $1, dislikes = $2, controversy = $3, "
            + "votes_version = $4 where id = $5 and votes_version < $4";

    @Inject
    Pool pool;

    /** @return true if the comment's totals changed (false: older or same version, or no such comment) */
    public Uni<Boolean> apply(VoteCast event) {
        Tuple values = Tuple.of(saturated(event.totals().likes()), saturated(event.totals().dislikes()),
                event.totals().controversy(), event.version(), event.commentId());
        return pool.preparedQuery(APPLY).execute(values).map(rows -> rows.rowCount() == 1);
    }

    private static int saturated(long count) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, count));
    }
}
