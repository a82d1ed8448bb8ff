package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.service.RemarkAuthor;
import io.parley.comments.service.RemarkCommentService;
import io.parley.comments.service.RemarkRejection;
import io.parley.session.SessionUser;
import io.parley.session.SessionVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * Remark42 comment writes: {@code auth+site} routes, so a session for the request's {@code site} is required
 * (401/403 in plain text otherwise, as Remark42's middleware answers).
 */
@Path("/api/v1")
@Tag(name = "Remark42")
public class RemarkCommentResource {

    @Inject
    SessionVerifier sessions;

    @Inject
    RemarkCommentService comments;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/comment")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Post a comment or a reply (pid); 201 with the comment")
    public Uni<Response> create(@QueryParam("site") String site, @HeaderParam(RemarkRequests.CLIENT_IP) String clientIp,
                                @Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServerRequest http,
                                byte[] body) {
        String details = "can't save comment";
        return RemarkErrors.remark(sessions.require(headers, uri, site).flatMap(user -> {
            JsonNode request = RemarkBodies.object(json, body, "can't bind comment");
            String text = RemarkBodies.text(request, "text", "can't bind comment");
            Long pid = pid(RemarkBodies.text(request, "pid", "can't bind comment"));
            String title = RemarkBodies.text(request, "title", "can't bind comment");
            JsonNode locator = RemarkBodies.object(request, "locator", "can't bind comment");
            String locatorSite = locator == null ? null : RemarkBodies.text(locator, "site", "can't bind comment");
            String url = locator == null ? null : RemarkBodies.text(locator, "url", "can't bind comment");
            // The basic-auth "admin" of Remark42 may post anywhere; everyone else only on their token's site.
            if (!"admin".equals(user.id()) && !user.site().equals(locatorSite)) {
                throw RemarkRejection.forbidden(RemarkRejection.VALIDATION, "site mismatch", "invalid comment");
            }
            return comments.post(user.site(), url, title, text, pid, author(user, clientIp, http))
                    .map(saved -> Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(RemarkCommentView.of(saved, Instant.now())).build());
        }), details);
    }

    @PUT
    @Path("/comment/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Edit or delete your own comment within the edit window, while it has no replies")
    public Uni<Response> edit(@PathParam("id") String id, @QueryParam("site") String site,
                              @HeaderParam(RemarkRequests.CLIENT_IP) String clientIp, @Context HttpHeaders headers,
                              @Context UriInfo uri, @Context HttpServerRequest http, byte[] body) {
        return RemarkErrors.remark(sessions.require(headers, uri, site).flatMap(user -> {
            JsonNode request = RemarkBodies.object(json, body, "can't bind comment");
            String text = RemarkBodies.text(request, "text", "can't bind comment");
            String summary = RemarkBodies.text(request, "summary", "can't bind comment");
            boolean delete = RemarkBodies.bool(request, "delete", "can't bind comment");
            long commentId = RemarkRequests.commentId(id, "can't find comment");
            return comments.edit(user.site(), commentId, author(user, clientIp, http), text, summary, delete)
                    .map(saved -> Response.ok(RemarkCommentView.of(saved, Instant.now()),
                            MediaType.APPLICATION_JSON_TYPE).build());
        }), "can't edit comment");
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "The HTML a comment would get")
    public Uni<Response> preview(@QueryParam("site") String site,
                                 @HeaderParam(RemarkRequests.CLIENT_IP) String clientIp,
                                 @Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServerRequest http,
                                 byte[] body) {
        return RemarkErrors.remark(sessions.require(headers, uri, site).map(user -> {
            JsonNode request = RemarkBodies.object(json, body, "can't bind comment");
            String html = comments.preview(RemarkBodies.text(request, "text", "can't bind comment"),
                    author(user, clientIp, http));
            return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
        }), "can't preview comment");
    }

    /** Remark42 accepts any string as {@code pid}; ours are numbers, so anything else names no comment. */
    private static Long pid(String pid) {
        if (pid == null || pid.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            throw RemarkRejection.badRequest(RemarkRejection.VALIDATION, "parent comment not found", "invalid comment");
        }
    }

    private static RemarkAuthor author(SessionUser user, String clientIp, HttpServerRequest http) {
        return new RemarkAuthor(user.id(), user.name(), user.picture(), user.admin(),
                RemarkRequests.clientAddress(clientIp, http));
    }
}
