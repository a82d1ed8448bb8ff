package io.parley.feed.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

import io.parley.events.Topics;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.CommentQueryService;
import io.parley.feed.service.StoredComment;
import io.smallrye.mutiny.Uni;

/**
 * Isso {@code GET /feed?uri=&limit=}: the Atom feed of one thread of the default site, on when
 * {@code parley.isso.rss-base} is set. The request's limit can only raise the configured one (as in Isso), up
 * to {@code parley.isso.max-limit}. Strong ETag {@code "<tid>-<id>"} of the first entry (or {@code "empty"}) and
 * Last-Modified; conditional requests get 304.
 */
@Path("/feed")
@Tag(name = "Isso")
public class IssoFeedResource {

    static final String XML = "text/xml";
    static final String BAD_LIMIT = "limit should be integer";
    /** werkzeug's description of a plain 404. */
    static final String NOT_FOUND = "The requested URL was not found on the server. If you entered the URL manually"
            + " please check your spelling and try again.";

    @Inject
    FeedConfig config;

    @Inject
    CommentQueryService comments;

    @GET
    @Operation(summary = "Atom feed of a thread's comments (needs parley.isso.rss-base)")
    public Uni<Response> feed(@QueryParam("uri") String uri, @QueryParam("limit") String limit,
                              @Context HttpHeaders headers, @Context Request request) {
        if (uri == null) {
            return Uni.createFrom().item(IssoErrors.error(Response.Status.BAD_REQUEST, "missing uri query", headers));
        }
        Optional<String> base = config.isso().rssBase().filter(value -> !value.isBlank());
        if (base.isEmpty()) {
            return Uni.createFrom().item(IssoErrors.error(Response.Status.NOT_FOUND, NOT_FOUND, headers));
        }
        int entries = config.isso().rssLimit();
        if (limit != null) {
            OptionalLong requested = IssoLimit.parse(limit);
            if (requested.isEmpty()) {
                // Isso returns this error instead of raising it: always the HTML page.
                return Uni.createFrom().item(IssoErrors.error(Response.Status.BAD_REQUEST, BAD_LIMIT, null));
            }
            long ceiling = Math.max(entries, config.isso().maxLimit());
            entries = (int) Math.min(Math.max(requested.getAsLong(), entries), ceiling);
        }
        String site = config.defaultSite();
        long tid = threadId(site, uri);
        IssoAtomFeed feed = new IssoAtomFeed(base.get());
        return comments.thread(site, uri, entries).map(found -> respond(feed, uri, tid, found, request));
    }

    private static Response respond(IssoAtomFeed feed, String uri, long tid, List<StoredComment> entries,
                                    Request request) {
        StoredComment first = entries.isEmpty() ? null : entries.get(0);
        EntityTag etag = new EntityTag(first == null ? "empty" : tid + "-" + first.id());
        // HTTP dates have whole seconds; the comparison with If-Modified-Since must use the same precision.
        Date lastModified = Date.from(first == null ? Instant.EPOCH
                : Instant.ofEpochSecond(first.updated().getEpochSecond()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.tag(etag).lastModified(lastModified).build();
        }
        return Response.ok(feed.write(uri, tid, entries), XML).tag(etag).lastModified(lastModified).build();
    }

    /**
     * Isso numbers threads in its database; here a thread is its site and uri, so its feed id is a stable
     * positive number derived from them.
     */
    static long threadId(String site, String uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Topics.postKey(site, uri).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt() & 0x7fffffffL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The read model is unreachable: a clear 503 in Isso's shape rather than a 500. */
    @ServerExceptionMapper
    Response storeUnavailable(MongoException e, HttpHeaders headers) {
        return IssoErrors.error(Response.Status.SERVICE_UNAVAILABLE, "the feed is unavailable, try again later",
                headers);
    }
}
