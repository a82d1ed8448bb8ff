package io.parley.session;

/**
 * The signed-in user a valid session token names (Remark42's {@code user} claim).
 *
 * @param id       user id, e.g. {@code keycloak_1f2e...}, {@code anonymous_...}, {@code email_...}
 * @param name     display name
 * @param picture  avatar URL, or null
 * @param site     the site the session was issued for (the token's audience)
 * @param admin    admin of that site
 * @param blocked  blocked when the token was issued (such tokens are refused, see {@link SessionTokens})
 * @param verified verified by an admin
 * @param provider the login provider, e.g. {@code keycloak}, {@code anonymous}, {@code email}
 * @param tokenId  the token's {@code jti}, which is also its XSRF value
 */
public record SessionUser(String id, String name, String picture, String site, boolean admin, boolean blocked,
                          boolean verified, String provider, String tokenId) {

    /** Anonymous users (Remark42: may comment, may not vote, subscribe or upload). */
    public boolean anonymous() {
        return id.startsWith("anonymous_");
    }

    @Override
    public String toString() {
        // The token id is the XSRF secret: keep it out of logs.
        return "SessionUser[id=" + id + ", site=" + site + ", admin=" + admin + ", provider=" + provider + "]";
    }
}
