package io.parley.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;

/** Users per site. Every method runs in the caller's transaction. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UserKey> {

    // One statement, so that concurrent first logins of one user cannot collide.
    private static final String LOGIN = "insert into users (site, id, name, picture, provider, idp_admin, "
            + "last_login_at) values (:site, :id, :name, :picture, :provider, :admin, now()) "
            + "on conflict (site, id) do update set name = excluded.name, picture = excluded.picture, "
            + "provider = excluded.provider, idp_admin = excluded.idp_admin, deleted = false, "
            + "last_login_at = excluded.last_login_at";
    private static final String ENSURE = "insert into users (site, id, provider) values (:site, :id, :provider) "
            + "on conflict (site, id) do nothing";

    /** Records a login (creating the user, or refreshing name, picture and role), then reads the row. */
    public Uni<UserEntity> login(String site, String id, String name, String picture, String provider, boolean admin) {
        return getSession().flatMap(session -> session.createNativeQuery(LOGIN)
                        .setParameter("site", site).setParameter("id", id).setParameter("name", name)
                        .setParameter("picture", picture).setParameter("provider", provider)
                        .setParameter("admin", admin)
                        .executeUpdate())
                .flatMap(ignored -> findFresh(site, id));
    }

    /** The user, locked for an admin change; created (unknown name) when an admin acts on an id never seen here. */
    public Uni<UserEntity> lockForChange(String site, String id) {
        return getSession().flatMap(session -> session.createNativeQuery(ENSURE)
                        .setParameter("site", site).setParameter("id", id).setParameter("provider", providerOf(id))
                        .executeUpdate())
                .flatMap(ignored -> findById(new UserKey(site, id), LockModeType.PESSIMISTIC_WRITE));
    }

    public Uni<UserEntity> find(String site, String id) {
        return findById(new UserKey(site, id));
    }

    private Uni<UserEntity> findFresh(String site, String id) {
        // The upsert ran as SQL; nothing of this user was loaded before it in the session, so this reads the row.
        return findById(new UserKey(site, id));
    }

    /** Users of {@code site} blocked beyond {@code now}, the block ending soonest first. */
    public Uni<List<UserEntity>> blocked(String site, Instant now) {
        return list("site = ?1 and blockedUntil > ?2 order by blockedUntil, id", site, now);
    }

    /** Provider part of a Remark42 user id ({@code github_0a1b...} → {@code github}). */
    static String providerOf(String id) {
        int underscore = id.indexOf('_');
        return underscore > 0 ? id.substring(0, underscore) : "unknown";
    }
}
