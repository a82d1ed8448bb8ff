package io.parley.feed.rest;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.CommentQueryService;
import io.smallrye.mutiny.Uni;

/** Remark42 lists of comments across a site. Without {@code site} the default site answers. */
@Path("/api/v1")
@Tag(name = "Remark42")
public class RemarkCommentsResource {

    /** Remark42's default and ceiling of {@code /last} ({@code lastLimit} of its store). */
    static final int LAST_LIMIT = 1000;
    private static final int ERR_DECODE = 2;
    private static final int ERR_SITE_NOT_FOUND = 6;

    @Inject
    FeedConfig config;

    @Inject
    CommentQueryService comments;

    @GET
    @Path("/last/{limit}")
    @Operation(summary = "Newest comments of the site, newest first; limit 0 or invalid means 1000 (the cap)")
    public Uni<Response> last(@PathParam("limit") String limit, @QueryParam("site") String site,
                              @QueryParam("since") String since) {
        if (site != null && site.contains("|")) {
            return error("site " + site + " not found", "can't get last comments", ERR_SITE_NOT_FOUND);
        }
        Instant after = null;
        if (since != null && !since.isEmpty()) {
            try {
                after = Instant.ofEpochMilli(Long.parseLong(since));
            } catch (NumberFormatException e) {
                return error("strconv.ParseInt: parsing \"" + since + "\": invalid syntax",
                        "can't translate since parameter", ERR_DECODE);
            }
        }
        int max = parseLimit(limit);
        String siteId = site == null || site.isBlank() ? config.defaultSite() : site;
        return comments.newestFirst(siteId, after, max)
                .map(found -> Response.ok(found.stream().map(RemarkViews.Comment::of).toList(),
                        MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** Go's Atoi, with Remark42's rule that 0, negative or unparsable means the ceiling. */
    static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            return value <= 0 || value > LAST_LIMIT ? LAST_LIMIT : value;
        } catch (NumberFormatException e) {
            return LAST_LIMIT;
        }
    }

    /** The read model is unreachable: 503 with code 0 (internal) in Remark42's shape, never a stack trace. */
    @ServerExceptionMapper
    Response storeUnavailable(MongoException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RemarkViews.Error("store unavailable", "can't get last comments", 0)).build();
    }

    private static Uni<Response> error(String error, String details, int code) {
        return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RemarkViews.Error(error, details, code)).build());
    }
}
