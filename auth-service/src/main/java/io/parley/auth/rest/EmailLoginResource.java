package io.parley.auth.rest;

import io.parley.auth.service.EmailLoginService;
import io.parley.auth.service.LoginRejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Map;

/**
 * {@code GET /auth/email/login}: with {@code user}, {@code address} and {@code site} it mails a confirmation token
 * and answers {@code {"user","address"}}; with {@code token} it signs the user in.
 */
@Path("/auth/email/login")
@Produces(MediaType.APPLICATION_JSON)
public class EmailLoginResource {

    @Inject
    EmailLoginService email;

    @Inject
    SessionCookies cookies;

    @Inject
    RequestDetails request;

    @GET
    public Uni<Response> login(@QueryParam("token") String token, @QueryParam("user") String user,
            @QueryParam("address") String address, @QueryParam("site") String site, @QueryParam("aud") String aud,
            @QueryParam("from") String from, @QueryParam("session") String session) {
        if (token != null && !token.isBlank()) {
            return email.confirm(token).map(done -> {
                Response.ResponseBuilder response = done.from() != null && request.redirectAllowed(done.from())
                        ? Response.seeOther(URI.create(done.from()))
                        : Response.ok(Views.TokenUser.of(done.session().user()));
                return cookies.set(response, done.session()).build();
            });
        }
        if (from != null && !from.isBlank() && !request.redirectAllowed(from)) {
            return Uni.createFrom().failure(new LoginRejectedException(400, "from: host not allowed"));
        }
        return email.request(user, address, site != null && !site.isBlank() ? site : aud, from,
                        LoginResponses.flag(session), request.baseUrl())
                .map(sent -> Response.ok(Map.of("user", user, "address", address)).build());
    }
}
