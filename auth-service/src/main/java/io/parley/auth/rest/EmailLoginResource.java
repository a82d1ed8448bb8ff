package io.parley.auth.rest;

import io.parley.auth.config.AuthConfig;
import io.parley.auth.service.EmailLoginService;
import io.parley.auth.service.LoginRejectedException;
import io.parley.auth.service.RedirectPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /auth/email/login}: with {@code user}, {@code address} and {@code site} it mails a confirmation token
 * and answers {@code {"user","address"}}; with {@code token} it signs the user in.
 */
@Path("/auth/email/login")
@Produces(MediaType.APPLICATION_JSON)
public class EmailLoginResource {

    @Inject
    AuthConfig config;

    @Inject
    EmailLoginService email;

    @Inject
    SessionCookies cookies;

    @Context
    HttpHeaders headers;

    @Context
    HttpServerRequest request;

    @GET
    public Uni<Response> login(@QueryParam("token") String token, @QueryParam("user") String user,
            @QueryParam("address") String address, @QueryParam("site") String site, @QueryParam("aud") String aud,
            @QueryParam("from") String from, @QueryParam("session") String session) {
        List<String> allowed = config.auth().allowedHosts().orElse(List.of());
        String ownHost = RequestInfo.host(config, headers, request);
        if (token != null && !token.isBlank()) {
            boolean secure = RequestInfo.secure(config, headers, request);
            return email.confirm(token).map(done -> {
                Response.ResponseBuilder response = done.from() != null
                        && RedirectPolicy.allowed(done.from(), ownHost, allowed)
                        ? Response.seeOther(URI.create(done.from()))
                        : Response.ok(Views.TokenUser.of(done.session().user()));
                return cookies.set(response, done.session(), secure).build();
            });
        }
        if (from != null && !from.isBlank() && !RedirectPolicy.allowed(from, ownHost, allowed)) {
            return Uni.createFrom().failure(new LoginRejectedException(400, "from: host not allowed"));
        }
        return email.request(user, address, site != null && !site.isBlank() ? site : aud, from,
                        LoginResponses.flag(session), RequestInfo.baseUrl(config, headers, request))
                .map(sent -> Response.ok(Map.of("user", user, "address", address)).build());
    }
}
