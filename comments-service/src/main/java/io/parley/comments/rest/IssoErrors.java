package io.parley.comments.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.Map;

/** Isso's (werkzeug's) error bodies: a small HTML page, or {@code {"message": ...}} for JSON clients. */
final class IssoErrors {

    private static final Map<Integer, String> NAMES = Map.of(
            400, "Bad Request", 403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed",
            406, "Not Acceptable", 413, "Request Entity Too Large", 415, "Unsupported Media Type",
            500, "Internal Server Error", 503, "Service Unavailable");

    static final String INTERNAL = "The server encountered an internal error and was unable to complete your "
            + "request. Either the server is overloaded or there is an error in the application.";

    private IssoErrors() {
    }

    static Response response(int status, String description, boolean htmlOnly, HttpHeaders headers) {
        String name = NAMES.getOrDefault(status, status >= 500 ? "Internal Server Error" : "Bad Request");
        if (!htmlOnly && prefersJson(headers)) {
            return Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("message", status + " " + name + ": " + description))
                    .build();
        }
        String page = "<!doctype html>\n<html lang=en>\n<title>" + status + " " + name + "</title>\n<h1>" + name
                + "</h1>\n<p>" + escape(description).replace("\n", "<br>") + "</p>\n";
        return Response.status(status).type("text/html; charset=utf-8").entity(page).build();
    }

    /** True when the best Accept match is exactly application/json (highest q, first among equals). */
    static boolean prefersJson(HttpHeaders headers) {
        if (headers == null) {
            return false;
        }
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        String best = null;
        double bestQ = -1;
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > bestQ && !type.isEmpty()) {
                best = type;
                bestQ = q;
            }
        }
        return bestQ > 0 && "application/json".equals(best);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
