package io.parley.notify.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.notify.config.NotifyConfig;
import io.parley.notify.service.SubscriptionService;
import io.parley.session.SessionException;
import io.parley.session.SessionUser;
import io.parley.session.SessionVerifier;
import io.smallrye.mutiny.Uni;

/**
 * Remark42's e-mail subscription endpoints (spec §1.1 and §4): signed-in, non-anonymous users of the token's site.
 * Bodies are read leniently (Remark42's legacy clients send the values as query parameters).
 */
@Path("/api/v1/email")
@Produces(MediaType.APPLICATION_JSON)
public class RemarkEmailResource {

    @Inject
    SessionVerifier sessions;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    NotifyConfig config;

    @Inject
    ObjectMapper mapper;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Uni<Map<String, Object>> get(@QueryParam("site") String site) {
        return user(site).flatMap(user -> subscriptions.address(user, user.site())
                .map(address -> body("user", view(user), "address", address)));
    }

    @POST
    @Path("/subscribe")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> subscribe(@QueryParam("site") String site, @QueryParam("address") String queryAddress,
                                   String body) {
        JsonNode json = parse(body);
        if (json == null) {
            return Uni.createFrom().item(RemarkErrors.error(400, "invalid character in request body",
                    "failed to parse request body", RemarkErrors.BAD_REQUEST));
        }
        String requested = first(site, json.path("site").asText(null));
        String address = first(json.path("address").asText(null), queryAddress);
        return user(requested).flatMap(user -> subscriptions.subscribe(user, user.site(), address).map(outcome ->
                switch (outcome.result()) {
                    case UPDATED -> Response.ok(body("updated", true, "address", outcome.address())).build();
                    case CONFIRMATION_SENT -> Response.ok(body("user", view(user), "address", outcome.address(),
                            "updated", false)).build();
                    case ALREADY_SUBSCRIBED -> RemarkErrors.error(409, "already subscribed",
                            "this address is already subscribed", RemarkErrors.ACTION_REJECTED);
                    default -> RemarkErrors.error(400, "invalid address", "a valid e-mail address is required",
                            RemarkErrors.BAD_REQUEST);
                }));
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> confirm(@QueryParam("site") String site, @QueryParam("tkn") String queryToken, String body) {
        JsonNode json = parse(body);
        if (json == null) {
            return Uni.createFrom().item(RemarkErrors.error(400, "invalid character in request body",
                    "failed to parse request body", RemarkErrors.BAD_REQUEST));
        }
        String requested = first(site, json.path("site").asText(null));
        String token = first(json.path("token").asText(null), queryToken);
        return user(requested).flatMap(user -> {
            if (token == null || token.isBlank()) {
                return Uni.createFrom().item(RemarkErrors.error(400, "missing parameter",
                        "confirmation token is required", RemarkErrors.BAD_REQUEST));
            }
            return subscriptions.confirm(user, user.site(), token).map(outcome -> switch (outcome.result()) {
                case UPDATED -> Response.ok(body("updated", true, "address", outcome.address())).build();
                case OTHER_USER -> RemarkErrors.error(400, "wrong user", "the token belongs to another user",
                        RemarkErrors.BAD_REQUEST);
                default -> RemarkErrors.error(403, "invalid token", "the token is invalid or expired",
                        RemarkErrors.NO_ACCESS);
            });
        });
    }

    @DELETE
    public Uni<Map<String, Object>> delete(@QueryParam("site") String site) {
        return user(site).flatMap(user -> subscriptions.unsubscribe(user, user.site()))
                .map(ignored -> body("deleted", true));
    }

    /** auth + site + noanon, as Remark42's middleware chain: plain-text 401/403 from the session library. */
    private Uni<SessionUser> user(String site) {
        String requested = site == null || site.isBlank() ? config.defaultSite() : site;
        return sessions.require(headers, uri, requested).invoke(user -> {
            if (user.anonymous()) {
                throw SessionException.forbidden();
            }
        });
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static Map<String, Object> view(SessionUser user) {
        return body("name", user.name(), "id", user.id(), "picture", user.picture() == null ? "" : user.picture(),
                "admin", user.admin(), "block", user.blocked(), "verified", user.verified());
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
