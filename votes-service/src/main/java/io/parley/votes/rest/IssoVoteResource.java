package io.parley.votes.rest;

import io.parley.events.comments.ClientNetworks;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.parley.votes.service.IssoVoteService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Isso's {@code POST /id/{id}/like} and {@code /dislike}: always 200 with the totals, or {@code null}. */
@Path("/id/{id}")
public class IssoVoteResource {

    /** werkzeug's {@code <int:id>}: ASCII digits only; anything else is no route (404). */
    private static final Pattern ISSO_ID = Pattern.compile("[0-9]{1,18}");

    @Inject
    IssoVoteService votes;

    @POST
    @Path("like")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> like(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                              @HeaderParam(ClientAddress.HEADER) String clientIp, HttpServerRequest http) {
        return vote(id, true, contentType, ClientAddress.of(clientIp, http));
    }

    @POST
    @Path("dislike")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> dislike(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(ClientAddress.HEADER) String clientIp, HttpServerRequest http) {
        return vote(id, false, contentType, ClientAddress.of(clientIp, http));
    }

    private Uni<Response> vote(String id, boolean up, String contentType, String clientAddress) {
        if (!ISSO_ID.matcher(id).matches()) {
            throw new IssoError(404, "The requested URL was not found on the server. If you entered the URL manually "
                    + "please check your spelling and try again.");
        }
        // Isso's "xhr" guard: a cross-site form cannot send a JSON content type; no content type at all passes.
        if (contentType != null && !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IssoError(403, "CSRF");
        }
        return votes.vote(Long.parseLong(id), up, ClientNetworks.anonymise(clientAddress))
                // Jackson writes a null entity as nothing; Isso's body for an unknown comment is the JSON null.
                .map(result -> Response.ok(result == null ? "null" : IssoVoteView.of(result)).build());
    }
}
