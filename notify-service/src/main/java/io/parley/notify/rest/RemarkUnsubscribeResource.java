package io.parley.notify.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.parley.notify.service.UnsubscribeService;
import io.smallrye.mutiny.Uni;

/** Remark42's {@code GET|POST /email/unsubscribe.html?site=&tkn=} page (spec §4), linked from reply mails. */
@Path("/email/unsubscribe.html")
public class RemarkUnsubscribeResource {

    @Inject
    UnsubscribeService unsubscribe;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> get(@QueryParam("site") String site, @QueryParam("tkn") String token) {
        return unsubscribe.remark(site, token).map(outcome -> switch (outcome) {
            case UNSUBSCRIBED -> HtmlPages.page(200, "Unsubscribed",
                    "You have been unsubscribed from reply notifications.");
            case MISSING_TOKEN -> HtmlPages.page(400, "Bad request", "The unsubscribe token is missing.");
            case NOT_SUBSCRIBED -> HtmlPages.page(409, "Not subscribed", "This address is not subscribed.");
            case ADDRESS_MISMATCH -> HtmlPages.page(400, "Bad request",
                    "The subscribed address is not the one of this link.");
            default -> HtmlPages.page(403, "Forbidden", "This link is invalid or has expired.");
        });
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> post(@QueryParam("site") String site, @QueryParam("tkn") String token) {
        return get(site, token);
    }

    /** Remark42 answers HEAD with 405. */
    @HEAD
    public Response head() {
        return Response.status(405).build();
    }
}
