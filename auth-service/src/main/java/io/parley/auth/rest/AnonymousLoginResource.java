package io.parley.auth.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.parley.auth.service.LoginService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Remark42's anonymous login ({@code GET|POST /auth/anonymous/login}): a name, no password; answers the user and sets
 * the session cookies. The site comes from {@code aud} (go-pkgz/auth), else {@code site} (the widget adds it to every
 * call), else the default site.
 */
@Path("/auth/anonymous/login")
@Produces(MediaType.APPLICATION_JSON)
public class AnonymousLoginResource {

    @Inject
    LoginService logins;

    @Inject
    SessionCookies cookies;

    @Inject
    RequestDetails request;

    /** The JSON body go-pkgz/auth's direct handler takes ({@code passwd} is ignored for anonymous users). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credentials(String user, String passwd, String aud, String site) {
    }

    @GET
    public Uni<Response> get(@QueryParam("user") String user, @QueryParam("aud") String aud,
            @QueryParam("site") String site, @QueryParam("session") String session) {
        return login(user, first(aud, site), session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> postJson(Credentials body, @QueryParam("user") String user, @QueryParam("aud") String aud,
            @QueryParam("site") String site, @QueryParam("session") String session) {
        Credentials credentials = body == null ? new Credentials(null, null, null, null) : body;
        return login(first(credentials.user(), user), first(credentials.aud(), aud, credentials.site(), site),
                session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> postForm(@FormParam("user") String formUser, @FormParam("aud") String formAud,
            @QueryParam("user") String user, @QueryParam("aud") String aud, @QueryParam("site") String site,
            @QueryParam("session") String session) {
        return login(first(formUser, user), first(formAud, aud, site), session);
    }

    private Uni<Response> login(String user, String site, String session) {
        return logins.anonymous(user, site, request.clientIp(), LoginResponses.flag(session))
                .map(issued -> cookies.set(Response.ok(Views.TokenUser.of(issued.user())), issued).build());
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
