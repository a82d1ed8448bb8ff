package io.parley.auth.rest;

import io.parley.auth.config.AuthConfig;
import io.parley.auth.service.IssuedSession;
import io.parley.session.PresentedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/**
 * Remark42's session cookies: {@code JWT} (HttpOnly) and {@code XSRF-TOKEN} (readable by the page's script, value =
 * the token id), Path=/, no Domain, {@code Secure} over https, SameSite as configured; they live
 * {@code parley.auth.cookie-ttl}, or the browser session after a login with {@code session=1}.
 */
@ApplicationScoped
public class SessionCookies {

    @Inject
    AuthConfig config;

    @Inject
    RequestDetails request;

    /** Adds the cookies of {@code session} (and, as with Remark42's {@code AUTH_SEND_JWT_HEADER}, no header). */
    public Response.ResponseBuilder set(Response.ResponseBuilder response, IssuedSession session) {
        boolean secure = request.secure();
        int maxAge = session.sessionOnly() ? NewCookie.DEFAULT_MAX_AGE : (int) config.auth().cookieTtl().toSeconds();
        return response.cookie(cookie(PresentedToken.COOKIE, session.jwt(), maxAge, true, secure),
                cookie(PresentedToken.XSRF_COOKIE, session.xsrf(), maxAge, false, secure));
    }

    /** Removes both cookies (logout, or a session that can no longer be used). */
    public Response.ResponseBuilder reset(Response.ResponseBuilder response) {
        boolean secure = request.secure();
        return response.cookie(cookie(PresentedToken.COOKIE, "", 0, true, secure),
                cookie(PresentedToken.XSRF_COOKIE, "", 0, false, secure));
    }

    private NewCookie cookie(String name, String value, int maxAge, boolean httpOnly, boolean secure) {
        NewCookie.Builder builder = new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge)
                .httpOnly(httpOnly).secure(secure);
        switch (config.auth().sameSite().toLowerCase(Locale.ROOT)) {
            case "none" -> builder.sameSite(NewCookie.SameSite.NONE);
            case "lax" -> builder.sameSite(NewCookie.SameSite.LAX);
            case "strict" -> builder.sameSite(NewCookie.SameSite.STRICT);
            default -> {
                // "default": no attribute, the browser's default applies (Remark42's default too).
            }
        }
        return builder.build();
    }
}
