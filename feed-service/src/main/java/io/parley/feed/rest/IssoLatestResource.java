package io.parley.feed.rest;

import java.util.OptionalLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.CommentQueryService;
import io.smallrye.mutiny.Uni;

/**
 * Isso {@code GET /latest?limit=N}: the newest published comments of the default site, oldest of them first.
 * Unlike Isso (which lets replies outrank newer top-level comments) the newest comments are the newest by
 * creation time. Isso returns (not raises) these errors, so they are always its HTML page.
 */
@Path("/latest")
@Tag(name = "Isso")
public class IssoLatestResource {

    static final String BAD_LIMIT = "Query parameter 'limit' is mandatory (integer, >0)";
    static final String DISABLED = "Unavailable because 'latest-enabled' not set by site admin";

    @Inject
    FeedConfig config;

    @Inject
    CommentQueryService comments;

    @GET
    @Operation(summary = "Newest published comments of the site (needs parley.isso.latest-enabled)")
    public Uni<Response> latest(@QueryParam("limit") String limit) {
        if (!config.isso().latestEnabled()) {
            return Uni.createFrom().item(IssoErrors.error(Response.Status.NOT_FOUND, DISABLED, null));
        }
        OptionalLong requested = IssoLimit.parse(limit);
        if (requested.isEmpty() || requested.getAsLong() <= 0) {
            return Uni.createFrom().item(IssoErrors.error(Response.Status.BAD_REQUEST, BAD_LIMIT, null));
        }
        int bounded = (int) Math.min(requested.getAsLong(), config.isso().maxLimit());
        return comments.latest(config.defaultSite(), bounded)
                .map(found -> Response.ok(found.stream().map(IssoViews.LatestComment::of).toList(),
                        MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** The read model is unreachable: a clear 503 in Isso's shape rather than a 500. */
    @ServerExceptionMapper
    Response storeUnavailable(MongoException e, HttpHeaders headers) {
        return IssoErrors.error(Response.Status.SERVICE_UNAVAILABLE, "latest comments are unavailable, try again later",
                headers);
    }
}
