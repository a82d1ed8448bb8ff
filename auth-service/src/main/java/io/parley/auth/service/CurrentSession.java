package io.parley.auth.service;

import io.parley.session.SessionUser;

/**
 * The session a request carries.
 *
 * @param renewed the token that replaces an expired cookie token (set its cookies on the response), or null
 */
public record CurrentSession(SessionUser user, IssuedSession renewed) {
}
