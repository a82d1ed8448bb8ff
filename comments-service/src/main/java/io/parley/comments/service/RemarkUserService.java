package io.parley.comments.service;

import io.parley.comments.repository.UserStateRepository;
import io.parley.events.users.UserBlocked;
import io.parley.events.users.UserDeleted;
import io.parley.events.users.UserEvent;
import io.parley.events.users.UserVerified;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies what auth-service says about users (Remark42's rules): a blocked user cannot post until the block ends,
 * a permanent block deletes their comments, the verified mark shows on their comments, a deleted user's comments
 * are deleted and no longer name them. Every comment change goes through {@link CommentService#delete}, so its
 * comment event follows. Idempotent: events older than the stored per-user version change nothing, and the
 * effects of a newer one are repeatable until its version is stored.
 */
@ApplicationScoped
public class RemarkUserService {

    /** Remark42 stores a permanent block as "now + 100 years"; a fixed far instant says the same. */
    static final Instant PERMANENT = Instant.parse("9999-12-31T00:00:00Z");
    /** What Remark42 writes over a hard-deleted comment's user id and name. */
    static final String DELETED_USER = "deleted";

    private static final String VERSION = "select version from user_states where site = $1 and user_id = $2";
    private static final String PUBLISHED_OF_USER = "select c.id from comments c join posts p on p.id = c.post_id "
            + "where p.site = $1 and c.user_id = $2 and c.state = 'PUBLISHED'";
    private static final String FORGET_USER = "update comments c set user_id = $3, author = $3, user_picture = null "
            + "from posts p where p.id = c.post_id and p.site = $1 and c.user_id = $2";

    @Inject
    Pool pool;

    @Inject
    UserStateRepository states;

    @Inject
    CommentService comments;

    /** @return false when the event was stale or repeated (nothing changed) */
    public Uni<Boolean> apply(UserEvent event) {
        return pool.preparedQuery(VERSION).execute(Tuple.of(event.site(), event.userId())).flatMap(rows -> {
            long stored = rows.size() == 0 ? 0 : rows.iterator().next().getLong("version");
            if (event.version() <= stored) {
                return Uni.createFrom().item(false);
            }
            return effects(event).chain(() -> store(event));
        });
    }

    private Uni<Void> effects(UserEvent event) {
        boolean permanentBlock = event instanceof UserBlocked blocked && blocked.until() == null;
        if (!permanentBlock && !(event instanceof UserDeleted)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> deleted = deleteAll(publishedIds(event.site(), event.userId()));
        if (permanentBlock) {
            return deleted;
        }
        // Then the placeholders left (comments with replies) name no one any more, as Remark42's hard delete.
        return deleted.chain(() -> pool.preparedQuery(FORGET_USER)
                .execute(Tuple.of(event.site(), event.userId(), DELETED_USER)).replaceWithVoid());
    }

    private Uni<List<Long>> publishedIds(String site, String userId) {
        return pool.preparedQuery(PUBLISHED_OF_USER).execute(Tuple.of(site, userId)).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }

    private Uni<Void> deleteAll(Uni<List<Long>> ids) {
        return ids.flatMap(found -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (long id : found) {
                // Already gone (a redelivery, or its author deleted it meanwhile) is fine.
                chain = chain.chain(() -> comments.delete(id, text -> true).replaceWithVoid()
                        .onFailure(CommentNotFoundException.class).recoverWithNull());
            }
            return chain;
        });
    }

    private Uni<Boolean> store(UserEvent event) {
        if (event instanceof UserBlocked b) {
            return states.apply(pool, b.site(), b.userId(), true, b.until() == null ? PERMANENT : b.until(), null,
                    false, b.version());
        }
        if (event instanceof UserVerified v) {
            return states.apply(pool, v.site(), v.userId(), false, null, v.verified(), false, v.version());
        }
        if (event instanceof UserDeleted d) {
            return states.apply(pool, d.site(), d.userId(), false, null, null, true, d.version());
        }
        // UserUnblocked: the block ends now.
        return states.apply(pool, event.site(), event.userId(), true, null, null, false, event.version());
    }
}
