package io.parley.feed.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.PostInfoService;
import io.parley.feed.service.PostSummary;
import io.smallrye.mutiny.Uni;

/** Isso comment counters. Isso names no site, so the default site answers. */
@Path("/count")
@Tag(name = "Isso")
public class IssoCountResource {

    @Inject
    PostInfoService posts;

    @Inject
    UrlListReader reader;

    @Inject
    FeedConfig config;

    @POST
    @Consumes(MediaType.WILDCARD) // Isso reads the body as JSON whatever its content type says
    @Operation(summary = "Published comment counts of several threads, in request order (0 for unknown)")
    public Uni<Response> counts(byte[] body, @Context HttpHeaders headers) {
        if (body != null && body.length > config.http().issoMaxBody()) {
            return Uni.createFrom().item(IssoErrors.error(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The data value transmitted exceeds the capacity limit.", headers));
        }
        List<String> uris;
        try {
            uris = reader.read(body);
        } catch (UrlListReader.BadUrlList e) {
            String description = e.unparsable() ? "Unable to read JSON request" : "expected a JSON array of thread uris";
            return Uni.createFrom().item(IssoErrors.error(Response.Status.BAD_REQUEST, description, headers));
        }
        return posts.summaries(config.defaultSite(), uris)
                .map(summaries -> json(summaries.stream().map(PostSummary::count).toList()));
    }

    @GET
    @Operation(summary = "Published comment count of one thread (removed from Isso 0.13, kept for old clients)")
    public Uni<Response> count(@QueryParam("uri") String uri, @Context HttpHeaders headers) {
        if (uri == null || uri.isEmpty()) {
            return Uni.createFrom().item(IssoErrors.error(Response.Status.BAD_REQUEST, "missing uri query", headers));
        }
        return posts.summary(config.defaultSite(), uri).map(summary -> json(summary.count()));
    }

    /** The read model is unreachable: a clear 503 in Isso's shape rather than a 500. */
    @ServerExceptionMapper
    Response storeUnavailable(MongoException e, HttpHeaders headers) {
        return IssoErrors.error(Response.Status.SERVICE_UNAVAILABLE, "comment counts are unavailable, try again later",
                headers);
    }

    private static Response json(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
