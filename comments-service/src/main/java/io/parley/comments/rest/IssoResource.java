package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.config.ParleyConfig;
import io.parley.comments.service.CommentService;
import io.parley.comments.service.MarkdownRenderer;
import io.parley.comments.service.IssoThreadTitles;
import io.parley.comments.service.NewComment;
import io.parley.comments.service.PageFetchException;
import io.parley.comments.service.SessionKeyService;
import io.parley.comments.service.ThreadQuery;
import io.parley.comments.service.ThreadService;
import io.parley.events.comments.CommentState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Isso dialect at the root: thread listing, new comments, preview, client config and /info. */
@Path("/")
public class IssoResource {

    static final int MAX_URI_BYTES = 2048;
    /** The Isso release whose API this dialect speaks. */
    static final String ISSO_VERSION = "0.14.0";

    @Inject
    ParleyConfig config;

    @Inject
    CommentService comments;

    @Inject
    ThreadService threads;

    @Inject
    SessionKeyService sessionKeys;

    @Inject
    IssoThreadTitles threadTitles;

    @Inject
    IssoCookies cookies;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    ObjectMapper json;

    /** The {@code GET /config} object, fixed at start-up as in Isso. */
    private Map<String, Object> clientConfig;

    @PostConstruct
    void init() {
        ParleyConfig.Isso isso = config.isso();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("reply-to-self", isso.guard().replyToSelf());
        settings.put("require-email", isso.guard().requireEmail());
        settings.put("require-author", isso.guard().requireAuthor());
        settings.put("website-field", isso.guard().websiteField());
        settings.put("reply-notifications", isso.replyNotifications());
        settings.put("gravatar", isso.gravatar());
        if (isso.gravatar()) {
            settings.put("avatar", false);
        }
        settings.put("feed", isso.rssBase().filter(base -> !base.isBlank()).isPresent());
        clientConfig = Collections.unmodifiableMap(settings);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> thread(@Context HttpServerRequest http) {
        // Read from Vert.x: a bare "?sort" must count as an empty value (werkzeug), not as an absent one.
        String uri = http.getParam("uri");
        String sort = http.getParam("sort");
        String limit = http.getParam("limit");
        String offset = http.getParam("offset");
        String parent = http.getParam("parent");
        String nestedLimit = http.getParam("nested_limit");
        String after = http.getParam("after");
        String plain = http.getParam("plain");
        if (uri == null) {
            throw IssoException.badRequest("missing uri query");
        }
        ThreadQuery query = new ThreadQuery(config.defaultSite(), uri, sort(sort), optionalInt(limit, "limit"),
                offset(offset), parent == null ? null : IssoRequests.clampToLong(integer(parent, "parent")),
                optionalInt(nestedLimit, "nested_limit"), afterMicros(after));
        boolean raw = plain != null && !"0".equals(plain);
        String gravatarUrl = config.isso().gravatar() ? config.isso().gravatarUrl() : null;
        return threads.fetch(query).map(page -> IssoThreadView.of(page, raw, gravatarUrl, clientConfig));
    }

    @POST
    @Path("new")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(@QueryParam("uri") String uri,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam(IssoRequests.CLIENT_IP) String clientIp,
                                @HeaderParam("X-Forwarded-Proto") String forwardedProto,
                                @Context HttpServerRequest http,
                                @Context HttpHeaders headers,
                                byte[] body) {
        IssoRequests.requireJsonOrNoContentType(contentType);
        if (uri == null) {
            throw IssoException.badRequest("missing uri query");
        }
        // Our addition: the thread key is indexed, so it has a bound (Isso stores any length).
        if (uri.indexOf('\0') >= 0 || uri.getBytes(StandardCharsets.UTF_8).length > MAX_URI_BYTES) {
            throw IssoException.badRequest("uri is too long or invalid (maximum length: " + MAX_URI_BYTES + " bytes)");
        }
        IssoNewCommentRequest request = IssoNewCommentRequest.parse(IssoRequests.readJson(json, body));
        NewComment command = new NewComment(config.defaultSite(), uri, request.title(), request.text(),
                request.author(), request.email(), request.website(), request.parent(), request.notification(),
                IssoRequests.clientAddress(clientIp, http));
        boolean https = IssoRequests.isHttps(forwardedProto, http);
        // A new thread without a title: Isso reads the page (only configured sites), else 400.
        String siteOrigin = IssoOrigins.matchingSite(threadTitles.origins(), headers);
        return threadTitles.complete(command, siteOrigin)
                .onFailure(PageFetchException.class).transform(e -> IssoException.invalid("Cannot create new "
                        + "thread: URI " + uri + " is not accessible and no title was provided."))
                .flatMap(comments::post)
                .flatMap(comment -> sessionKeys.tokens().map(tokens -> {
                    List<String> cookieHeaders = cookies.editCookies(tokens, comment.id(), comment.text(), https);
                    return Response.status(comment.state() == CommentState.PENDING ? 202 : 201)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .header("Set-Cookie", cookieHeaders.get(0))
                            .header("X-Set-Cookie", cookieHeaders.get(1))
                            .entity(IssoCommentView.of(comment))
                            .build();
                }));
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> preview(byte[] body) {
        JsonNode request = IssoRequests.readJson(json, body);
        JsonNode text = request.isObject() ? request.get("text") : null;
        if (text == null || text.isNull()) {
            throw IssoException.badRequest("no text given");
        }
        if (!text.isTextual()) {
            throw IssoException.badRequest("text must be a string");
        }
        return Map.of("text", markdown.render(text.textValue()));
    }

    @GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> clientConfig() {
        return Map.of("config", clientConfig);
    }

    // Isso's /info rule has no method list: every method answers.
    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> info(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", ISSO_VERSION);
        body.put("host", IssoOrigins.requestBase(headers, http));
        body.put("origin", IssoOrigins.matchingSite(config.isso().hosts().orElse(List.of()), headers));
        body.put("moderation", config.isso().moderation().enabled());
        return body;
    }

    @POST
    @Path("info")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> infoPost(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return info(headers, http);
    }

    @PUT
    @Path("info")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> infoPut(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return info(headers, http);
    }

    @DELETE
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> infoDelete(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return info(headers, http);
    }

    @PATCH
    @Path("info")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> infoPatch(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return info(headers, http);
    }

    private static ThreadQuery.Sort sort(String sort) {
        if (sort == null) {
            return ThreadQuery.Sort.OLDEST;
        }
        return switch (sort) {
            case "oldest" -> ThreadQuery.Sort.OLDEST;
            case "newest" -> ThreadQuery.Sort.NEWEST;
            case "upvotes" -> ThreadQuery.Sort.UPVOTES;
            default -> throw IssoException.invalid("Invalid sort option. Must be one of: 'newest', 'oldest', 'upvotes'");
        };
    }

    private static BigInteger integer(String value, String name) {
        BigInteger parsed = IssoRequests.pythonInt(value);
        if (parsed == null) {
            throw IssoException.invalid(name + " should be integer");
        }
        return parsed;
    }

    private static Integer optionalInt(String value, String name) {
        return value == null ? null : IssoRequests.clampToInt(integer(value, name));
    }

    private static int offset(String value) {
        if (value == null) {
            return 0;
        }
        BigInteger offset = integer(value, "offset");
        if (offset.signum() < 0) {
            throw IssoException.invalid("offset should not be negative");
        }
        return IssoRequests.clampToInt(offset);
    }

    /** Isso passes {@code after} unchecked into SQL; we require a finite number (seconds, fractions allowed). */
    private static long afterMicros(String value) {
        if (value == null) {
            return Long.MIN_VALUE;
        }
        BigDecimal seconds;
        try {
            String trimmed = value.strip();
            if (trimmed.length() > 64) {
                throw new NumberFormatException();
            }
            seconds = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw IssoException.invalid("after should be a number");
        }
        if (seconds.compareTo(BigDecimal.valueOf(1L << 40)) > 0) {
            return Long.MAX_VALUE;
        }
        if (seconds.compareTo(BigDecimal.valueOf(-(1L << 40))) < 0) {
            return Long.MIN_VALUE;
        }
        // created > after ⟺ createdMicros > floor(after·10⁶), created being whole microseconds.
        return seconds.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
