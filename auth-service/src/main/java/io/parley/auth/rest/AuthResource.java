package io.parley.auth.rest;

import io.parley.auth.service.LoginService;
import io.parley.auth.service.SigningKeyService;
import io.parley.session.SessionException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** go-pkgz/auth's common routes ({@code /auth/list|status|user|logout}) and the public keys. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final String NO_USER = "can't get user info";

    @Inject
    SigningKeyService keys;

    @Inject
    LoginService logins;

    @Inject
    RequestSessions sessions;

    @Inject
    SessionCookies cookies;

    /** The session tokens' public keys (JWKS), for every service that verifies sessions. */
    @GET
    @Path("/jwks")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }

    @GET
    @Path("/list")
    public List<String> list() {
        return logins.providers();
    }

    @GET
    @Path("/status")
    public Uni<Response> status() {
        return sessions.current()
                .map(found -> found.map(session -> sessions.renewing(Response.ok(
                                new Views.Status("logged in", session.user().name())), session).build())
                        .orElseGet(() -> Response.ok(new Views.Status("not logged in", null)).build()))
                .onFailure(SessionException.class).recoverWithItem(() -> cookies.reset(
                        Response.ok(new Views.Status("not logged in", null))).build());
    }

    @GET
    @Path("/user")
    public Uni<Response> user() {
        return sessions.current()
                .map(found -> found.map(session -> sessions.renewing(
                                Response.ok(Views.TokenUser.of(session.user())), session).build())
                        .orElseGet(() -> Response.status(401).entity(new Views.AuthError(NO_USER)).build()))
                .onFailure(SessionException.class).recoverWithItem(() -> cookies.reset(
                        Response.status(401).entity(new Views.AuthError(NO_USER))).build());
    }

    /** Clears the session cookies (sessions are stateless tokens: nothing else to end). */
    @GET
    @Path("/logout")
    public Response logout() {
        return cookies.reset(Response.ok()).build();
    }

    /** Remark42's per-provider logout path; same as {@link #logout()}. */
    @GET
    @Path("/{provider}/logout")
    public Response providerLogout(@PathParam("provider") String provider) {
        return logout();
    }
}
