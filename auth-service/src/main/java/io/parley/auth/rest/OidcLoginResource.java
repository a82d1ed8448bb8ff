package io.parley.auth.rest;

import io.parley.auth.config.AuthConfig;
import io.parley.auth.service.LoginRejectedException;
import io.parley.auth.service.LoginService;
import io.parley.auth.service.OidcLoginService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code GET /auth/{provider}/login} and {@code /callback} for Keycloak and its identity brokers (Remark42's OAuth
 * routes): login redirects to Keycloak; the callback sets the session and sends the browser back to {@code from}
 * (303), or answers the user as JSON without one.
 */
@Path("/auth/{provider}")
@Produces(MediaType.APPLICATION_JSON)
public class OidcLoginResource {

    /** Carries the login's state between login and callback; only sent to /auth. */
    static final String HANDSHAKE_COOKIE = "PARLEY-LOGIN";

    @Inject
    AuthConfig config;

    @Inject
    LoginService logins;

    @Inject
    OidcLoginService oidc;

    @Inject
    SessionCookies cookies;

    @Inject
    RequestDetails request;

    @GET
    @Path("/login")
    public Uni<Response> login(@PathParam("provider") String provider, @QueryParam("site") String site,
            @QueryParam("aud") String aud, @QueryParam("from") String from, @QueryParam("session") String session) {
        return Uni.createFrom().deferred(() -> {
            requireProvider(provider);
            String loginSite = logins.site(site != null && !site.isBlank() ? site : aud);
            if (from != null && !from.isBlank() && !request.redirectAllowed(from)) {
                throw new LoginRejectedException(400, "from: host not allowed");
            }
            String base = request.baseUrl();
            boolean secure = request.secure();
            return oidc.start(provider, loginSite, from, LoginResponses.flag(session),
                            base + "/auth/" + provider + "/callback")
                    .map(start -> Response.status(Response.Status.FOUND).location(URI.create(start.location()))
                            .cookie(handshakeCookie(start.handshake(),
                                    (int) config.auth().oidc().loginTimeout().toSeconds(), secure))
                            .build());
        });
    }

    @GET
    @Path("/callback")
    public Uni<Response> callback(@PathParam("provider") String provider, @QueryParam("state") String state,
            @QueryParam("code") String code, @QueryParam("error") String error,
            @CookieParam(HANDSHAKE_COOKIE) String handshake) {
        boolean secure = request.secure();
        return Uni.createFrom().deferred(() -> {
            requireProvider(provider);
            if (error != null) {
                // The user cancelled at Keycloak, or Keycloak refused; nothing to tell beyond that.
                throw new LoginRejectedException(401, "login refused by the identity provider");
            }
            if (handshake == null || handshake.isBlank()) {
                throw new LoginRejectedException(403, "no login in progress");
            }
            return oidc.complete(provider, handshake, state, code);
        }).map(done -> {
            String from = done.from();
            boolean redirect = from != null && request.redirectAllowed(from);
            Response.ResponseBuilder response = redirect ? Response.seeOther(URI.create(from))
                    : Response.ok(Views.TokenUser.of(done.session().user()));
            return cookies.set(response, done.session())
                    .cookie(handshakeCookie("", 0, secure)).build();
        });
    }

    private void requireProvider(String provider) {
        if (!logins.viaKeycloak(provider)) {
            throw new LoginRejectedException(404, "provider is not enabled");
        }
    }

    private static NewCookie handshakeCookie(String value, int maxAge, boolean secure) {
        // Lax: the browser must send it on the top-level redirect back from Keycloak.
        return new NewCookie.Builder(HANDSHAKE_COOKIE).value(value).path("/auth").maxAge(maxAge).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }
}
