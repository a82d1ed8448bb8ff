package io.parley.votes.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.parley.votes.service.RemarkVoteException;

/**
 * Every error leaves in its dialect's shape: Remark42 paths ({@code /api/v1/...}) as {@code {error, details, code}},
 * Isso paths as werkzeug's HTML page or {@code {"message"}} for JSON clients. Nothing internal reaches a client;
 * store or broker outages are 503, never 500.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final Map<Integer, String> NAMES = Map.of(400, "Bad Request", 403, "Forbidden", 404, "Not Found",
            405, "Method Not Allowed", 406, "Not Acceptable", 413, "Request Entity Too Large",
            415, "Unsupported Media Type", 503, "Service Unavailable");
    private static final String UNAVAILABLE = "The server is temporarily unable to service your request. Please try "
            + "again later.";

    @ServerExceptionMapper
    public Response remark(RemarkVoteException e) {
        return remarkError(e.status(), e.getMessage(), e.details(), e.code());
    }

    @ServerExceptionMapper
    public Response isso(IssoError e, HttpHeaders headers) {
        return issoError(e.status(), e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, headers, uri);
        }
        String name = NAMES.getOrDefault(status, "Bad Request");
        return remarkPath(uri) ? remarkError(status, name, name, status == 404 ? 1 : 2)
                : issoError(status, name, headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        // Usually MongoDB being away; the class name only, a message may quote stored data.
        LOG.warnf("request %s failed: %s", uri.getPath(), e.getClass().getName());
        return remarkPath(uri) ? remarkError(503, "service unavailable", "can't vote for comment", 0)
                : issoError(503, UNAVAILABLE, headers);
    }

    private static boolean remarkPath(UriInfo uri) {
        return uri.getPath().startsWith("/api/");
    }

    private static Response remarkError(int status, String error, String details, int code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("details", details);
        body.put("error", error);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static Response issoError(int status, String description, HttpHeaders headers) {
        String name = NAMES.getOrDefault(status, "Internal Server Error");
        List<MediaType> accepted = headers == null ? List.of() : headers.getAcceptableMediaTypes();
        boolean json = !accepted.isEmpty() && headers.getHeaderString(HttpHeaders.ACCEPT) != null
                && MediaType.APPLICATION_JSON_TYPE.equals(accepted.get(0));
        if (json) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("message", status + " " + name + ": " + description)).build();
        }
        String page = "<!doctype html>\n<html lang=en>\n<title>" + status + " " + name + "</title>\n<h1>" + name
                + "</h1>\n<p>" + description.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</p>\n";
        return Response.status(status).type("text/html; charset=utf-8").entity(page).build();
    }
}
