package io.parley.comments.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.config.ParleyConfig;
import io.parley.comments.config.RemarkConfig;
import io.parley.comments.service.RemarkComment;
import io.parley.comments.service.RemarkFindCache;
import io.parley.comments.service.RemarkReadService;
import io.parley.comments.service.RemarkRejection;
import io.parley.comments.service.RemarkSort;
import io.parley.comments.service.RemarkThreads;
import io.parley.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remark42's public comment reads ({@code trace} routes: no session needed). Without {@code site} the default
 * site answers. The requesting user's own {@code vote} is 0: votes are votes-service's (see docs/remark42.md).
 */
@Path("/api/v1")
@Tag(name = "Remark42")
@Produces(MediaType.APPLICATION_JSON)
public class RemarkFindResource {

    @Inject
    ParleyConfig parley;

    @Inject
    RemarkConfig config;

    @Inject
    RemarkReadService reads;

    @Inject
    RemarkFindCache cache;

    @Inject
    ObjectMapper json;

    private Map<String, Object> clientConfig;

    @PostConstruct
    void init() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("version", config.version());
        settings.put("edit_duration", config.editDuration().toSeconds());
        settings.put("admin_edit", config.adminEdit());
        settings.put("min_comment_size", config.minCommentSize());
        settings.put("max_comment_size", RemarkRequests.maxCommentSize(config));
        settings.put("admins", config.admins().orElse(List.of()));
        settings.put("admin_email", config.adminEmail().orElse(""));
        settings.put("auth_providers", config.authProviders());
        settings.put("anon_vote", config.anonVote());
        settings.put("low_score", config.lowScore());
        settings.put("critical_score", config.criticalScore());
        settings.put("positive_score", config.positiveScore());
        settings.put("readonly_age", config.readonlyAge());
        // Image upload is not offered: 0 hides it in the widget.
        settings.put("max_image_size", 0);
        settings.put("email_notifications", config.emailNotifications());
        settings.put("telegram_notifications", false);
        settings.put("emoji_enabled", config.emojiEnabled());
        settings.put("simple_view", config.simpleView());
        settings.put("send_jwt_header", false);
        settings.put("subscribers_only", false);
        clientConfig = Collections.unmodifiableMap(settings);
    }

    @GET
    @Path("/config")
    @Operation(summary = "Remark42 client settings")
    public Map<String, Object> config() {
        return clientConfig;
    }

    @GET
    @Path("/find")
    @Operation(summary = "Comments of a post as a tree or a flat list; without url the newest of the site")
    public Uni<byte[]> find(@QueryParam("site") String site, @QueryParam("url") String url,
                                         @QueryParam("sort") String sort, @QueryParam("format") String format,
                                         @QueryParam("view") String view, @QueryParam("since") String since,
                                         @QueryParam("limit") String limit,
                                         @QueryParam("offset_id") String offsetId) {
        String siteId = RemarkRequests.site(site, parley);
        RemarkSort order = RemarkSort.parse(sort);
        int max = RemarkRequests.findLimit(limit);
        Long offset = RemarkRequests.offsetId(offsetId);
        Long sinceMillis = RemarkRequests.since(since);
        Instant now = Instant.now();
        if (url == null || url.isEmpty()) {
            return RemarkErrors.remark(reads.newestOfSite(siteId).map(found -> {
                RemarkThreads.Plain plain = RemarkThreads.plain(found, RemarkSort.parse("-time"), sinceMillis, max,
                        offset);
                return bytes(response(comments(plain.comments(), view, now), RemarkCommentView.Info.of(null,
                        plain.info(), false)));
            }), "can't find comments");
        }
        boolean tree = "tree".equals(format);
        // The answer depends on nothing but the post and these parameters (no per-user part), so it can be shared.
        String query = String.join("\n", String.valueOf(format), String.valueOf(sort), String.valueOf(view),
                String.valueOf(since), String.valueOf(limit), String.valueOf(offsetId));
        return RemarkErrors.remark(cache.get(Topics.postKey(siteId, url), query, () -> reads.post(siteId, url)
                .map(post -> {
                    if (tree) {
                        RemarkThreads.Tree found = RemarkThreads.tree(post.comments(), order, max, offset);
                        Object nodes = "user".equals(view)
                                ? comments(flatten(found.nodes()), view, now)
                                : found.nodes().stream().map(node -> RemarkCommentView.Node.of(node, now)).toList();
                        return bytes(response(nodes, RemarkCommentView.Info.of(url, found.info(), post.readOnly())));
                    }
                    RemarkThreads.Plain plain = RemarkThreads.plain(post.comments(), order, sinceMillis, max, offset);
                    return bytes(response(comments(plain.comments(), view, now),
                            RemarkCommentView.Info.of(url, plain.info(), post.readOnly())));
                })), "can't find comments");
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("find answer cannot be serialised", e);
        }
    }

    @GET
    @Path("/id/{id}")
    @Operation(summary = "One comment of a post")
    public Uni<RemarkCommentView> comment(@PathParam("id") String id, @QueryParam("site") String site,
                                          @QueryParam("url") String url) {
        if (url == null || url.isEmpty()) {
            throw RemarkRejection.badRequest(RemarkRejection.COMMENT_NOT_FOUND, "no url", "can't get comment");
        }
        long commentId = RemarkRequests.commentId(id, "can't get comment");
        return RemarkErrors.remark(reads.one(commentId, RemarkRequests.site(site, parley), url)
                .map(c -> RemarkCommentView.of(c, Instant.now())), "can't get comment");
    }

    @GET
    @Path("/comments")
    @Operation(summary = "A user's comments, newest first, with the number of all their comments")
    public Uni<Map<String, Object>> userComments(@QueryParam("site") String site, @QueryParam("user") String user,
                                                 @QueryParam("limit") String limit, @QueryParam("skip") String skip) {
        if (user == null || user.isEmpty()) {
            throw RemarkRejection.badRequest(RemarkRejection.DECODE, "no user", "can't get comments");
        }
        int max = RemarkRequests.cappedInt(limit, RemarkReadService.USER_LIMIT);
        Instant now = Instant.now();
        return RemarkErrors.remark(reads.ofUser(RemarkRequests.site(site, parley), user, max,
                        RemarkRequests.parseOrZero(skip))
                .map(found -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("comments", found.comments().stream().map(c -> RemarkCommentView.of(c, now)).toList());
                    body.put("count", found.count());
                    return body;
                }), "can't get comments");
    }

    private static List<RemarkComment> flatten(List<RemarkThreads.Node> nodes) {
        List<RemarkComment> all = new java.util.ArrayList<>();
        for (RemarkThreads.Node node : nodes) {
            all.add(node.comment());
            all.addAll(flatten(node.replies()));
        }
        return all;
    }

    /** Comments as Remark42 shows them, or with {@code view=user} only the authors of the non-deleted ones. */
    private static List<?> comments(List<RemarkComment> found, String view, Instant now) {
        if ("user".equals(view)) {
            return found.stream().filter(c -> !c.deleted()).map(c -> RemarkCommentView.Author.of(c, now)).toList();
        }
        return found.stream().map(c -> RemarkCommentView.of(c, now)).toList();
    }

    private static Map<String, Object> response(Object comments, RemarkCommentView.Info info) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("comments", comments);
        body.put("info", info);
        return body;
    }
}
