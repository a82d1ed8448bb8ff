package io.parley.auth.rest;

import io.parley.auth.service.UserService;
import io.parley.session.SessionException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Remark42's {@code GET /api/v1/user?site=}: the signed-in user (auth + site match), with {@code verified} and
 * {@code block} from the store rather than from the token.
 */
@Path("/api/v1/user")
public class UserResource {

    @Inject
    RequestSessions sessions;

    @Inject
    SessionCookies cookies;

    @Inject
    UserService users;


    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> user(@QueryParam("site") String site) {
        return sessions.current().flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Remark42Responses.unauthorized().build());
            }
            var session = found.get();
            if (!session.user().site().equals(site)) {
                return Uni.createFrom().item(Remark42Responses.forbidden().build());
            }
            return users.find(site, session.user().id()).map(state -> {
                var user = session.user();
                boolean blocked = state.map(s -> s.blockedAt(java.time.Instant.now())).orElse(false);
                boolean verified = state.map(s -> s.verified()).orElse(false);
                return sessions.renewing(Response.ok(new Views.Remark42User(user.name(), user.id(),
                        user.picture() == null ? "" : user.picture(), user.admin(), blocked, verified, user.site()))
                        .type(MediaType.APPLICATION_JSON), session).build();
            });
        }).onFailure(SessionException.class)
                .recoverWithItem(() -> cookies.reset(Remark42Responses.unauthorized()).build());
    }
}
