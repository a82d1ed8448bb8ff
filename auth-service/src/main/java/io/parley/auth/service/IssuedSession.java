package io.parley.auth.service;

import io.parley.session.SessionUser;

import java.time.Instant;

/**
 * A session token just signed.
 *
 * @param sessionOnly the cookies end with the browser session ({@code session=1} at login)
 */
public record IssuedSession(String jwt, SessionUser user, Instant expiresAt, boolean sessionOnly) {

    /** The XSRF value: the token's {@code jti}. */
    public String xsrf() {
        return user.tokenId();
    }

    @Override
    public String toString() {
        return "IssuedSession[user=" + user + ", expiresAt=" + expiresAt + "]";
    }
}
