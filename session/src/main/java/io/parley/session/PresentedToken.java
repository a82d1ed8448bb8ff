package io.parley.session;

import java.util.Optional;

/**
 * A token as a request presents it, looked up in Remark42's order: query {@code jwt}, header {@code X-JWT},
 * cookie {@code JWT}. Only cookie tokens need the XSRF header, since only they are sent by the browser on its own.
 */
public record PresentedToken(String jwt, boolean fromCookie) {

    public static final String QUERY_PARAMETER = "jwt";
    public static final String HEADER = "X-JWT";
    public static final String COOKIE = "JWT";
    public static final String XSRF_COOKIE = "XSRF-TOKEN";
    public static final String XSRF_HEADER = "X-XSRF-TOKEN";

    public static Optional<PresentedToken> find(String queryJwt, String headerJwt, String cookieJwt) {
        if (present(queryJwt)) {
            return Optional.of(new PresentedToken(queryJwt.trim(), false));
        }
        if (present(headerJwt)) {
            return Optional.of(new PresentedToken(headerJwt.trim(), false));
        }
        if (present(cookieJwt)) {
            return Optional.of(new PresentedToken(cookieJwt.trim(), true));
        }
        return Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "PresentedToken[fromCookie=" + fromCookie + "]";
    }
}
