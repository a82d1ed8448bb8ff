package io.parley.comments.rest;

import io.parley.comments.service.CommentNotFoundException;
import io.parley.comments.service.RemarkCommentService;
import io.parley.comments.service.RemarkRejection;
import io.parley.session.SessionException;
import io.parley.session.SessionUser;
import io.parley.session.SessionVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** Remark42 comment moderation ({@code admin+site}): an admin session of the request's {@code site}. */
@Path("/api/v1/admin")
@Tag(name = "Remark42")
@Produces(MediaType.APPLICATION_JSON)
public class RemarkAdminResource {

    @Inject
    SessionVerifier sessions;

    @Inject
    RemarkCommentService comments;

    @DELETE
    @Path("/comment/{id}")
    @Operation(summary = "Delete a comment (soft: kept as a placeholder while replies hang from it)")
    public Uni<Map<String, Object>> delete(@PathParam("id") String id, @QueryParam("site") String site,
                                           @QueryParam("url") String url, @Context HttpHeaders headers,
                                           @Context UriInfo uri) {
        return RemarkErrors.remark(admin(headers, uri, site).flatMap(user -> comments
                .adminDelete(user.site(), RemarkRequests.commentId(id, "can't delete comment"), emptyToNull(url))
                .map(c -> body("id", Long.toString(c.id()), "locator", locator(c.site(), c.postUrl())))),
                "can't delete comment");
    }

    @PUT
    @Path("/pin/{id}")
    @Operation(summary = "Pin (pin=1) or unpin a comment")
    public Uni<Map<String, Object>> pin(@PathParam("id") String id, @QueryParam("site") String site,
                                        @QueryParam("pin") String pin, @Context HttpHeaders headers,
                                        @Context UriInfo uri) {
        boolean pinned = "1".equals(pin);
        return RemarkErrors.remark(admin(headers, uri, site).flatMap(user -> comments
                        .pin(user.site(), RemarkRequests.commentId(id, "can't set pin"), pinned)
                        .map(c -> body("id", Long.toString(c.id()), "locator", locator(c.site(), c.postUrl()),
                                "pin", pinned))
                        .onFailure(CommentNotFoundException.class).transform(e -> RemarkRejection.badRequest(
                                RemarkRejection.ACTION_REJECTED, "comment not found", "can't set pin"))),
                "can't set pin");
    }

    @PUT
    @Path("/readonly")
    @Operation(summary = "Make a post read-only (ro=1) or writable again")
    public Uni<Map<String, Object>> readOnly(@QueryParam("site") String site, @QueryParam("url") String url,
                                             @QueryParam("ro") String ro, @Context HttpHeaders headers,
                                             @Context UriInfo uri) {
        boolean readOnly = "1".equals(ro);
        return RemarkErrors.remark(admin(headers, uri, site).flatMap(user -> comments
                        .readOnly(user.site(), url, readOnly)
                        .map(set -> body("locator", locator(user.site(), url), "read-only", set))),
                "can't set readonly");
    }

    @PUT
    @Path("/title/{id}")
    @Operation(summary = "Read the post's title from its page again (configured sites only)")
    public Uni<Map<String, Object>> title(@PathParam("id") String id, @QueryParam("site") String site,
                                          @QueryParam("url") String url, @Context HttpHeaders headers,
                                          @Context UriInfo uri) {
        return RemarkErrors.remark(admin(headers, uri, site).flatMap(user -> comments
                .refreshTitle(user.site(), RemarkRequests.commentId(id, "can't set title"), emptyToNull(url))
                .map(c -> body("id", Long.toString(c.id()), "locator", locator(c.site(), c.postUrl())))),
                "can't set title");
    }

    /** An admin of {@code site}: 401 without a session, 403 (plain text) for another site or a non-admin. */
    private Uni<SessionUser> admin(HttpHeaders headers, UriInfo uri, String site) {
        return sessions.require(headers, uri, site).map(user -> {
            if (!user.admin()) {
                throw SessionException.forbidden();
            }
            return user;
        });
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Map<String, Object> locator(String site, String url) {
        return body("site", site, "url", url);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
