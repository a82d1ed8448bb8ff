package io.parley.auth.service;

import java.time.Instant;

/**
 * What auth-service knows of a user on a site (view of the users row; entities stay in the repository layer).
 *
 * @param idpAdmin     admin role from the identity provider at the last login
 * @param blockedUntil end of the block, or null
 */
public record UserState(String site, String id, String name, String picture, String provider, boolean idpAdmin,
                        boolean verified, Instant blockedUntil, boolean blockPermanent, boolean deleted,
                        long version) {

    public boolean blockedAt(Instant now) {
        return blockedUntil != null && blockedUntil.isAfter(now);
    }
}
