package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.comments.config.ParleyConfig;
import io.parley.comments.service.CommentEdit;
import io.parley.comments.service.CommentService;
import io.parley.comments.service.SessionKeyService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Isso's owner endpoints on one comment. The proof of authorship is the edit cookie {@code <id>} from
 * {@code POST /new} or the last edit: a signed {@code [id, sha1(text)]} younger than the cookie max-age.
 */
@Path("/id/{id}")
public class IssoCommentResource {

    private static final byte[] JSON_NULL = "null".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Inject
    ParleyConfig config;

    @Inject
    CommentService comments;

    @Inject
    SessionKeyService sessionKeys;

    @Inject
    IssoCookies cookies;

    @Inject
    ObjectMapper json;

    @Inject
    IssoModerationResource moderation;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<IssoCommentView> view(@PathParam("id") String path, @QueryParam("plain") String plain,
                                     @Context HttpHeaders headers) {
        long id = commentId(path);
        boolean raw = plain != null && !"0".equals(plain);
        // Isso answers 404 before looking at the cookie.
        return comments.find(id).flatMap(comment -> editToken(id, headers).map(token -> {
            if (token == null) {
                throw forbidden();
            }
            return IssoCommentView.withoutHash(comment, raw);
        }));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> edit(@PathParam("id") String path,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                              @HeaderParam("X-Forwarded-Proto") String forwardedProto,
                              @Context HttpHeaders headers, @Context HttpServerRequest http, byte[] body) {
        long id = commentId(path);
        IssoRequests.requireJsonOrNoContentType(contentType);
        boolean https = IssoRequests.isHttps(forwardedProto, http);
        return editToken(id, headers).flatMap(token -> {
            if (token == null) {
                throw forbidden();
            }
            CommentEdit edit = parseEdit(json, IssoRequests.readJson(json, body));
            return comments.edit(id, owns(token), edit).flatMap(comment -> sessionKeys.tokens().map(tokens -> {
                List<String> cookieHeaders = cookies.editCookies(tokens, id, comment.text(), https);
                return Response.ok(IssoCommentView.withoutHash(comment, false), MediaType.APPLICATION_JSON_TYPE)
                        .header("Set-Cookie", cookieHeaders.get(0))
                        .header("X-Set-Cookie", cookieHeaders.get(1))
                        .build();
            }));
        });
    }

    @DELETE
    public Uni<Response> delete(@PathParam("id") String path,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam("X-Forwarded-Proto") String forwardedProto,
                                @Context HttpHeaders headers, @Context HttpServerRequest http) {
        long id = commentId(path);
        IssoRequests.requireJsonOrNoContentType(contentType);
        boolean https = IssoRequests.isHttps(forwardedProto, http);
        return editToken(id, headers).flatMap(token -> {
            if (token == null) {
                throw forbidden();
            }
            return comments.delete(id, owns(token)).map(placeholder -> {
                List<String> cleared = cookies.clearedEditCookies(id, https);
                // Isso answers the placeholder with its raw (empty) text, or JSON null.
                Object entity = placeholder == null ? JSON_NULL : IssoCommentView.withoutHash(placeholder, true);
                return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE)
                        .header("Set-Cookie", cleared.get(0))
                        .header("X-Set-Cookie", cleared.get(1))
                        .build();
            });
        });
    }

    /** Moderation links {@code /id/<id>/<action>/<key>}. */
    @Path("{action}/{key}")
    public IssoModerationResource moderation() {
        return moderation;
    }

    /** Werkzeug's {@code <int:id>}: digits only, anything else is no route (404). */
    static long commentId(String path) {
        if (path.isEmpty() || path.length() > 18 || !path.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IssoException(404, IssoExceptionMappers.describe(404), false);
        }
        return Long.parseLong(path);
    }

    /**
     * The verified token of cookie {@code <id>} (the JS client's {@code isso-<id>} is accepted too), or null.
     * Unlike Isso, the token must be for this very comment.
     */
    private Uni<JsonNode> editToken(long id, HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(Long.toString(id));
        if (cookie == null) {
            cookie = headers.getCookies().get("isso-" + id);
        }
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String value = cookie.getValue();
        long maxAge = config.isso().cookieMaxAge().toSeconds();
        return sessionKeys.tokens().map(tokens -> tokens.verify(value, maxAge, Instant.now().getEpochSecond())
                .filter(token -> token.isArray() && token.size() == 2 && token.get(0).canConvertToLong()
                        && token.get(0).isIntegralNumber() && token.get(0).longValue() == id
                        && token.get(1).isTextual())
                .orElse(null));
    }

    /** The token proves authorship of the text it hashed; an edit by someone else invalidates it. */
    private static Predicate<String> owns(JsonNode token) {
        String sha1 = token.get(1).textValue();
        return text -> IssoCookies.sha1Hex(text).equals(sha1);
    }

    /** Isso keeps only text, author and website (email cannot change) and checks them like a new comment. */
    static CommentEdit parseEdit(ObjectMapper json, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw IssoException.badRequest("Unable to read JSON request");
        }
        ObjectNode kept = json.createObjectNode();
        for (String key : new String[] {"text", "author", "website"}) {
            if (body.has(key)) {
                kept.set(key, body.get(key));
            }
        }
        // Same checks and escaping as POST /new; unlike Isso's edit, a website also gets its http:// here.
        IssoNewCommentRequest valid = IssoNewCommentRequest.parse(kept);
        return new CommentEdit(valid.text(), body.has("author"), valid.author(), body.has("website"), valid.website());
    }

    static IssoException forbidden() {
        return new IssoException(403, IssoExceptionMappers.describe(403), false);
    }
}
