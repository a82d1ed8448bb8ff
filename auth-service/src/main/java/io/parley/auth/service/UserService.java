package io.parley.auth.service;

import io.parley.auth.messaging.UserEventOutbox;
import io.parley.auth.repository.UserEntity;
import io.parley.auth.repository.UserRepository;
import io.parley.events.users.UserBlocked;
import io.parley.events.users.UserDeleted;
import io.parley.events.users.UserUnblocked;
import io.parley.events.users.UserVerified;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * User state per site: logins record the user, admins block, verify and delete; every admin change and its
 * {@code user-events} event are written in one transaction (outbox), with the user's version increased by one.
 */
@ApplicationScoped
public class UserService {

    /** Remark42 keeps a permanent block as one that ends in 100 years. */
    static final Duration PERMANENT = Duration.ofDays(36525);

    @Inject
    UserRepository users;

    @Inject
    UserEventOutbox outbox;

    /** Records a login (new user, or new name, picture and provider role) and returns the user's state. */
    @WithTransaction
    public Uni<UserState> login(String site, String id, String name, String picture, String provider,
            boolean idpAdmin) {
        return users.login(site, id, name, picture == null ? "" : picture, provider, idpAdmin).map(UserService::state);
    }

    @WithSession
    public Uni<Optional<UserState>> find(String site, String id) {
        return users.find(site, id).map(user -> Optional.ofNullable(user).map(UserService::state));
    }

    /**
     * Blocks a user for {@code ttl} (null: permanently) or lifts the block.
     *
     * @return the new state
     */
    @WithTransaction
    public Uni<UserState> setBlocked(String site, String id, boolean block, Duration ttl) {
        return users.lockForChange(site, id).flatMap(user -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            user.version++;
            if (block) {
                user.blockPermanent = ttl == null;
                user.blockedUntil = now.plus(ttl == null ? PERMANENT : ttl);
                return outbox.blocked(new UserBlocked(site, id, user.blockPermanent ? null : user.blockedUntil,
                        user.version)).replaceWith(user);
            }
            user.blockedUntil = null;
            user.blockPermanent = false;
            return outbox.unblocked(new UserUnblocked(site, id, user.version)).replaceWith(user);
        }).map(UserService::state);
    }

    @WithTransaction
    public Uni<UserState> setVerified(String site, String id, boolean verified) {
        return users.lockForChange(site, id).flatMap(user -> {
            user.version++;
            user.verified = verified;
            return outbox.verified(new UserVerified(site, id, verified, user.version)).replaceWith(user);
        }).map(UserService::state);
    }

    /**
     * Deletes a user's details on a site; the row stays as a tombstone so that the event version keeps growing should
     * the user come back.
     */
    @WithTransaction
    public Uni<UserState> delete(String site, String id) {
        return users.lockForChange(site, id).flatMap(user -> {
            user.version++;
            user.deleted = true;
            user.name = "";
            user.picture = "";
            user.verified = false;
            user.idpAdmin = false;
            return outbox.deleted(new UserDeleted(site, id, user.version)).replaceWith(user);
        }).map(UserService::state);
    }

    /** Users of a site whose block has not ended yet. */
    @WithSession
    public Uni<List<UserState>> blocked(String site) {
        return users.blocked(site, Instant.now()).map(list -> list.stream().map(UserService::state).toList());
    }

    private static UserState state(UserEntity user) {
        return new UserState(user.site, user.id, user.name, user.picture, user.provider, user.idpAdmin, user.verified,
                user.blockedUntil, user.blockPermanent, user.deleted, user.version);
    }
}
