package io.parley.auth.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user on one site; see V1__users_keys_outbox.sql. */
@Entity
@Table(name = "users")
@IdClass(UserKey.class)
public class UserEntity {
    @Id
    public String site;

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String picture;

    @Column(nullable = false)
    public String provider;

    @Column(name = "idp_admin", nullable = false)
    public boolean idpAdmin;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "blocked_until")
    public Instant blockedUntil;

    @Column(name = "block_permanent", nullable = false)
    public boolean blockPermanent;

    @Column(nullable = false)
    public boolean deleted;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** Blocked at {@code now}: a block whose time has passed no longer counts. */
    public boolean blockedAt(Instant now) {
        return blockedUntil != null && blockedUntil.isAfter(now);
    }
}
