package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.comments.service.Comment;
import io.parley.comments.service.CommentService;
import io.parley.comments.service.IssoRules;
import io.parley.comments.service.ModerationLinks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Isso's moderation links {@code /id/<id>/<action>/<key>}, sent to the site owner by mail. GET shows a confirmation
 * page whose form POSTs back; POST acts. The key must be unexpired and made for the path id (Isso trusts the id
 * inside any key). Like Isso, no CSRF check: the key is the credential. A sub-resource of
 * {@link IssoCommentResource}, which owns the {@code /id/{id}} prefix.
 */
@ApplicationScoped
public class IssoModerationResource {

    private static final java.util.Set<String> ACTIONS = java.util.Set.of("activate", "edit", "delete");
    private static final String FORM = "application/x-www-form-urlencoded";

    @Inject
    CommentService comments;

    @Inject
    ModerationLinks links;

    @Inject
    ObjectMapper json;

    @GET
    public Uni<Response> confirm(@PathParam("id") String path, @PathParam("action") String action,
                                 @PathParam("key") String key) {
        long id = IssoCommentResource.commentId(path);
        requireAction(action);
        return authorised(id, key).flatMap(ignored -> comments.find(id)).map(comment -> Response.ok(
                page(comment, action), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> act(@PathParam("id") String path, @PathParam("action") String action,
                             @PathParam("key") String key,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        long id = IssoCommentResource.commentId(path);
        requireAction(action);
        return authorised(id, key).flatMap(ignored -> switch (action) {
            case "activate" -> comments.activate(id).map(changed ->
                    text(changed ? "Comment has been activated" : "Already activated"));
            case "delete" -> comments.delete(id, text -> true).map(ignoredPlaceholder ->
                    text("Comment has been deleted"));
            default -> comments.edit(id, text -> true,
                            IssoCommentResource.parseEdit(json, editBody(contentType, body)))
                    .map(comment -> Response.ok(IssoCommentView.withoutHash(comment, true),
                            MediaType.APPLICATION_JSON_TYPE).build());
        });
    }

    /** Werkzeug's {@code <any(edit,activate,delete):action>}: anything else is no route. */
    private static void requireAction(String action) {
        if (!ACTIONS.contains(action)) {
            throw new IssoException(404, IssoExceptionMappers.describe(404), false);
        }
    }

    private Uni<Void> authorised(long id, String key) {
        return links.verify(key, id).map(valid -> {
            if (!valid) {
                throw IssoCommentResource.forbidden();
            }
            return null;
        });
    }

    /** JSON as Isso's admin sends it, or the fields of the confirmation page's form. */
    private JsonNode editBody(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            return IssoRequests.readJson(json, body);
        }
        ObjectNode fields = json.createObjectNode();
        String form = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            } catch (IllegalArgumentException e) {
                throw IssoException.badRequest("Unable to read form request");
            }
        }
        return fields;
    }

    private static Response text(String message) {
        return Response.ok(message, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }

    /** The confirmation page; every value is escaped. */
    static String page(Comment comment, String action) {
        String title = Character.toUpperCase(action.charAt(0)) + action.substring(1) + " comment " + comment.id();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>").append(title).append("</title></head><body>")
                .append("<h1>").append(title).append("</h1>")
                .append("<p>State: ").append(comment.state().name().toLowerCase(Locale.ROOT)).append("</p>")
                .append("<form method=\"post\">");
        if ("edit".equals(action)) {
            html.append("<p><label>Author <input name=\"author\" value=\"").append(field(comment.author()))
                    .append("\"></label></p><p><label>Website <input name=\"website\" value=\"")
                    .append(field(comment.website())).append("\"></label></p><p><textarea name=\"text\" rows=\"12\" "
                            + "cols=\"80\">").append(attr(comment.text())).append("</textarea></p>");
        } else {
            html.append("<p>Author: ").append(field(comment.author())).append("</p><pre>")
                    .append(attr(comment.text())).append("</pre>");
        }
        return html.append("<p><button type=\"submit\">").append(title).append(": are you sure?</button></p>")
                .append("</form></body></html>").toString();
    }

    private static String attr(String value) {
        return value == null ? "" : IssoRules.escapeWithQuotes(value);
    }

    /**
     * A field stored HTML-escaped (author, website): shown as the commenter typed it, so a form round trip stores
     * it unchanged (it is escaped again on save).
     */
    private static String field(String stored) {
        if (stored == null) {
            return "";
        }
        String typed = stored.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#x27;", "'").replace("&amp;", "&");
        return IssoRules.escapeWithQuotes(typed);
    }
}
