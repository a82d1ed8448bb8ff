package io.parley.session;

/**
 * A request's session was refused: 401 (no, bad, expired or foreign token, or a missing XSRF header) or 403
 * (a valid token for another site). The message is the public answer, never a detail of the token.
 */
public class SessionException extends RuntimeException {

    private final int status;

    public SessionException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static SessionException unauthorized() {
        return new SessionException(401, "Unauthorized");
    }

    public static SessionException forbidden() {
        return new SessionException(403, "Access denied");
    }

    public int status() {
        return status;
    }
}
