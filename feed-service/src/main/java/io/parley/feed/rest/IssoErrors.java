package io.parley.feed.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Isso's error bodies (werkzeug): {@code {"message": "<code> <Name>: <description>"}} when the client's
 * preferred type is exactly {@code application/json}, otherwise werkzeug's small HTML page.
 */
final class IssoErrors {

    private IssoErrors() {
    }

    static Response error(Response.Status status, String description, HttpHeaders headers) {
        if (prefersJson(headers)) {
            String message = status.getStatusCode() + " " + status.getReasonPhrase() + ": " + description;
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("message", message))
                    .build();
        }
        String page = "<!doctype html>\n<html lang=en>\n<title>" + status.getStatusCode() + " "
                + status.getReasonPhrase() + "</title>\n<h1>" + status.getReasonPhrase() + "</h1>\n<p>"
                + escape(description) + "</p>\n";
        return Response.status(status).type(MediaType.TEXT_HTML + ";charset=utf-8").entity(page).build();
    }

    private static boolean prefersJson(HttpHeaders headers) {
        if (headers == null || headers.getRequestHeader(HttpHeaders.ACCEPT) == null) {
            return false;
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && !accepted.get(0).isWildcardType() && !accepted.get(0).isWildcardSubtype()
                && accepted.get(0).isCompatible(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
