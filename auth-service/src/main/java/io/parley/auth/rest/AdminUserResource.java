package io.parley.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.auth.messaging.UserEventRelay;
import io.parley.auth.service.BlockDurations;
import io.parley.auth.service.CurrentSession;
import io.parley.auth.service.SessionService;
import io.parley.auth.service.UserService;
import io.parley.auth.service.UserState;
import io.parley.session.SessionException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Remark42's admin user endpoints (admin + site match): block/unblock, blocked list, verify, user info, delete. Each
 * change is published on {@code user-events} through the outbox.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserResource {

    private static final int MAX_ID = 128;

    @Inject
    RequestSessions sessions;

    @Inject
    UserService users;

    @Inject
    UserEventRelay relay;

    @Inject
    SessionService sessionService;


    record BlockResult(@JsonProperty("user_id") String userId, @JsonProperty("site_id") String siteId,
                       boolean block) {
    }

    record VerifyResult(String user, boolean verified) {
    }

    record DeleteResult(@JsonProperty("user_id") String userId, @JsonProperty("site_id") String siteId) {
    }

    /** Remark42's BlockedUser: {@code time} is when the block ends. */
    record BlockedUser(String id, String name, Instant time) {
    }

    @PUT
    @Path("/user/{id}")
    public Uni<Response> block(@PathParam("id") String id, @QueryParam("site") String site,
            @QueryParam("block") String block, @QueryParam("ttl") String ttl) {
        boolean blocking = "1".equals(block) || "true".equalsIgnoreCase(block);
        Duration duration;
        try {
            duration = blocking ? BlockDurations.parse(ttl) : null;
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Remark42Responses.error(400, "bad ttl", e.getMessage(),
                    Remark42Responses.CODE_BAD_REQUEST));
        }
        return asAdmin(site, id, admin -> users.setBlocked(site, id, blocking, duration)
                .invoke(relay::trigger)
                .map(state -> Response.ok(new BlockResult(id, site, state.blockedAt(Instant.now())))));
    }

    @GET
    @Path("/blocked")
    public Uni<Response> blocked(@QueryParam("site") String site) {
        return asAdmin(site, null, admin -> users.blocked(site).map(list -> Response.ok(list.stream()
                .map(user -> new BlockedUser(user.id(), user.name(), user.blockedUntil())).toList())));
    }

    @PUT
    @Path("/verify/{id}")
    public Uni<Response> verify(@PathParam("id") String id, @QueryParam("site") String site,
            @QueryParam("verified") String verified) {
        boolean value = "1".equals(verified) || "true".equalsIgnoreCase(verified);
        return asAdmin(site, id, admin -> users.setVerified(site, id, value)
                .invoke(relay::trigger)
                .map(state -> Response.ok(new VerifyResult(id, state.verified()))));
    }

    @GET
    @Path("/user/{id}")
    public Uni<Response> info(@PathParam("id") String id, @QueryParam("site") String site) {
        return asAdmin(site, id, admin -> users.find(site, id).map(found -> found.filter(user -> !user.deleted())
                .map(user -> Response.ok(view(user)))
                .orElseGet(() -> Response.status(400).entity(new Views.Remark42Error("user not found",
                        "can't get user info", Remark42Responses.CODE_INTERNAL)))));
    }

    @DELETE
    @Path("/user/{id}")
    public Uni<Response> delete(@PathParam("id") String id, @QueryParam("site") String site) {
        return asAdmin(site, id, admin -> users.delete(site, id)
                .invoke(relay::trigger)
                .map(state -> Response.ok(new DeleteResult(id, site))));
    }

    private Views.Remark42User view(UserState user) {
        return new Views.Remark42User(user.name(), user.id(), user.picture(), sessionService.isAdmin(user), user.blockedAt(Instant.now()),
                user.verified(), user.site());
    }

    /** Runs {@code action} for an admin whose session is for {@code site}: 401 / 403 in plain text otherwise. */
    private Uni<Response> asAdmin(String site, String id, Function<CurrentSession, Uni<Response.ResponseBuilder>> action) {
        return sessions.current().flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Remark42Responses.unauthorized().build());
            }
            CurrentSession session = found.get();
            if (site == null || !site.equals(session.user().site()) || !session.user().admin()) {
                return Uni.createFrom().item(Remark42Responses.forbidden().build());
            }
            if (id != null && (id.isBlank() || id.length() > MAX_ID)) {
                return Uni.createFrom().item(Remark42Responses.error(400, "bad user id", "invalid user id",
                        Remark42Responses.CODE_BAD_REQUEST));
            }
            return action.apply(session).map(response -> sessions.renewing(response, session).build());
        }).onFailure(SessionException.class).recoverWithItem(() -> Remark42Responses.unauthorized().build());
    }
}
