package io.parley.feed.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.PostInfoService;
import io.smallrye.mutiny.Uni;

/** Remark42 comment counters and post info. Without {@code site} the default site answers. */
@Path("/api/v1")
@Tag(name = "Remark42")
public class RemarkPostInfoResource {

    /** Remark42 error codes used here (rest/httperrors.go). */
    private static final int ERR_POST_NOT_FOUND = 5;
    private static final int ERR_SITE_NOT_FOUND = 6;

    @Inject
    PostInfoService posts;

    @Inject
    UrlListReader reader;

    @Inject
    FeedConfig config;

    @GET
    @Path("/count")
    @Operation(summary = "Published comment count of one post (0 for unknown)")
    public Uni<Response> count(@QueryParam("site") String site, @QueryParam("url") String url) {
        if (url == null || url.isEmpty()) {
            return error("missing url", "can't get count", ERR_POST_NOT_FOUND);
        }
        if (invalidSite(site)) {
            return error("site " + site + " not found", "can't get count", ERR_SITE_NOT_FOUND);
        }
        return posts.summary(siteOrDefault(site), url).map(summary -> json(RemarkViews.Count.of(summary)));
    }

    @POST
    @Path("/counts")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Published comment counts of several posts, in request order")
    public Uni<Response> counts(@QueryParam("site") String site, byte[] body) {
        if (body != null && body.length > config.http().remarkMaxBody()) {
            return error("http: request body too large", "can't get list of posts from request", ERR_SITE_NOT_FOUND);
        }
        if (invalidSite(site)) {
            return error("site " + site + " not found", "can't get list of posts from request", ERR_SITE_NOT_FOUND);
        }
        List<String> urls;
        try {
            urls = reader.read(body);
        } catch (UrlListReader.BadUrlList e) {
            // Remark42 really answers a bad body with code 6 ("site not found").
            return error(e.getMessage(), "can't get list of posts from request", ERR_SITE_NOT_FOUND);
        }
        return posts.summaries(siteOrDefault(site), urls)
                .map(summaries -> json(summaries.stream().map(RemarkViews.PostInfo::of).toList()));
    }

    /** '|' separates site and URL in post keys, so no site id contains it. */
    private static boolean invalidSite(String site) {
        return site != null && site.contains("|");
    }

    @GET
    @Path("/info")
    @Operation(summary = "PostInfo of one post, or without url the totals of the site")
    public Uni<Response> info(@QueryParam("site") String site, @QueryParam("url") String url) {
        if (invalidSite(site)) {
            return error("site " + site + " not found", "can't get post info", ERR_SITE_NOT_FOUND);
        }
        if (url == null || url.isEmpty()) {
            return posts.siteTotals(siteOrDefault(site))
                    .map(totals -> json(RemarkViews.PostInfo.of(totals)));
        }
        return posts.find(siteOrDefault(site), url).map(found -> found
                .map(summary -> json(RemarkViews.PostInfo.of(summary)))
                .orElseGet(() -> errorResponse("post " + url + " not found", "can't get post info",
                        ERR_POST_NOT_FOUND)));
    }

    @GET
    @Path("/list")
    @Operation(summary = "PostInfo of every post with published comments; limit and skip, 0 = all")
    public Uni<Response> list(@QueryParam("site") String site, @QueryParam("limit") String limit,
                              @QueryParam("skip") String skip) {
        if (invalidSite(site)) {
            return error("site " + site + " not found", "can't get list of posts", ERR_SITE_NOT_FOUND);
        }
        return posts.commentedPosts(siteOrDefault(site), lenientInt(skip), lenientInt(limit))
                .map(list -> json(list.stream().map(RemarkViews.PostInfo::of).toList()));
    }

    /** Remark42 reads these with strconv.Atoi and ignores the error: anything unparsable is 0. */
    private static int lenientInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The read model is unreachable: 503 in Remark42's shape (code 0 = internal) rather than a bare 500. */
    @ServerExceptionMapper
    Response storeUnavailable(MongoException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RemarkViews.Error("store unavailable", "can't get post info", 0)).build();
    }

    private String siteOrDefault(String site) {
        return site == null || site.isBlank() ? config.defaultSite() : site;
    }

    private static Uni<Response> error(String error, String details, int code) {
        return Uni.createFrom().item(errorResponse(error, details, code));
    }

    private static Response errorResponse(String error, String details, int code) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RemarkViews.Error(error, details, code)).build();
    }

    private static Response json(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
