package io.parley.notify.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.parley.notify.service.UnsubscribeService;
import io.smallrye.mutiny.Uni;

/** Isso's {@code GET /id/<id>/unsubscribe/<email>/<key>} (spec §3.14), the link at the end of every reply mail. */
@Path("/id/{id}/unsubscribe/{email}/{key}")
public class IssoUnsubscribeResource {

    @Inject
    UnsubscribeService unsubscribe;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> unsubscribe(@PathParam("id") String id, @PathParam("email") String email,
                                     @PathParam("key") String key) {
        long commentId;
        try {
            commentId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            // Isso's route only matches integer ids.
            return Uni.createFrom().item(HtmlPages.page(404, "404 Not Found",
                    "The requested URL was not found on the server."));
        }
        return unsubscribe.isso(commentId, email, key).map(outcome -> switch (outcome) {
            case UNSUBSCRIBED -> HtmlPages.page(200, "Successfully unsubscribed",
                    "You will not receive any more notifications about this conversation.");
            case UNKNOWN_COMMENT -> HtmlPages.page(404, "404 Not Found", "The comment does not exist.");
            default -> HtmlPages.page(403, "403 Forbidden", "This link is invalid or has expired.");
        });
    }
}
