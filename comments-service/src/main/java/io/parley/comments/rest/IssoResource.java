package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.config.ParleyConfig;
import io.parley.comments.service.CommentService;
import io.parley.comments.service.NewComment;
import io.parley.comments.service.SessionKeyService;
import io.parley.events.comments.CommentState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The Isso dialect's write endpoints. The site is the configured default site. */
@Path("/")
public class IssoResource {

    /** Set by the gateway from the resolved client address; services are only reachable through it. */
    static final String CLIENT_IP = "X-Client-IP";
    static final int MAX_URI_BYTES = 2048;

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

    @POST
    @Path("new")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(@QueryParam("uri") String uri,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam(CLIENT_IP) String clientIp,
                                @HeaderParam("X-Forwarded-Proto") String forwardedProto,
                                @Context HttpServerRequest http,
                                byte[] body) {
        requireJsonOrNoContentType(contentType);
        if (uri == null) {
            throw IssoException.badRequest("missing uri query");
        }
        // Our addition: the thread key is indexed, so it has a bound (Isso stores any length).
        if (uri.indexOf('\0') >= 0 || uri.getBytes(StandardCharsets.UTF_8).length > MAX_URI_BYTES) {
            throw IssoException.badRequest("uri is too long or invalid (maximum length: " + MAX_URI_BYTES + " bytes)");
        }
        IssoNewCommentRequest request = IssoNewCommentRequest.parse(readJson(body));
        NewComment command = new NewComment(config.defaultSite(), uri, request.title(), request.text(),
                request.author(), request.email(), request.website(), request.parent(), request.notification(),
                clientAddress(clientIp, http));
        boolean https = isHttps(forwardedProto, http);
        return comments.post(command).flatMap(comment -> sessionKeys.tokens().map(tokens -> {
            List<String> cookieHeaders = cookies.editCookies(tokens, comment.id(), comment.text(), https);
            return Response.status(comment.state() == CommentState.PENDING ? 202 : 201)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Set-Cookie", cookieHeaders.get(0))
                    .header("X-Set-Cookie", cookieHeaders.get(1))
                    .entity(IssoCommentView.of(comment))
                    .build();
        }));
    }

    /** Isso's "xhr" CSRF guard: a form post from another site cannot set a JSON content type. */
    static void requireJsonOrNoContentType(String contentType) {
        if (contentType != null && !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IssoException(403, "CSRF", false);
        }
    }

    private JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw IssoException.badRequest("Unable to read JSON request");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw IssoException.badRequest("Unable to read JSON request");
        }
    }

    private static String clientAddress(String clientIp, HttpServerRequest http) {
        if (clientIp != null && !clientIp.isBlank()) {
            return clientIp.trim();
        }
        SocketAddress peer = http.remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }

    private static boolean isHttps(String forwardedProto, HttpServerRequest http) {
        if (forwardedProto != null && !forwardedProto.isBlank()) {
            return forwardedProto.trim().toLowerCase(Locale.ROOT).startsWith("https");
        }
        return "https".equals(http.scheme());
    }
}
