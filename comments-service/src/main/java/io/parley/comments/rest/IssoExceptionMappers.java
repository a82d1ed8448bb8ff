package io.parley.comments.rest;

import io.parley.comments.service.CommentNotFoundException;
import io.parley.comments.service.GuardRejectedException;
import io.parley.comments.service.NotCommentOwnerException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves in Isso's shape; nothing internal (class names, stack traces) reaches the client. */
public class IssoExceptionMappers {

    private static final Logger LOG = Logger.getLogger(IssoExceptionMappers.class);

    @ServerExceptionMapper
    public Response issoError(IssoException e, HttpHeaders headers) {
        return IssoErrors.response(e.status(), e.getMessage(), e.htmlOnly(), headers);
    }

    @ServerExceptionMapper
    public Response notFound(CommentNotFoundException e, HttpHeaders headers) {
        return IssoErrors.response(404, describe(404), false, headers);
    }

    /** The guard's reason concerns only the caller's own request (their network at most). */
    @ServerExceptionMapper
    public Response guard(GuardRejectedException e, HttpHeaders headers) {
        return IssoErrors.response(403, e.getMessage(), false, headers);
    }

    @ServerExceptionMapper
    public Response notOwner(NotCommentOwnerException e, HttpHeaders headers) {
        return IssoErrors.response(403, describe(403), false, headers);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return IssoErrors.response(500, IssoErrors.INTERNAL, false, headers);
        }
        return IssoErrors.response(status, describe(status), false, headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        LOG.error("unexpected error", e);
        return IssoErrors.response(500, IssoErrors.INTERNAL, false, headers);
    }

    /** Werkzeug's standard description of {@code status}. */
    static String describe(int status) {
        return switch (status) {
            case 403 -> "You don't have the permission to access the requested resource. It is either "
                    + "read-protected or not readable by the server.";
            case 404 -> "The requested URL was not found on the server. If you entered the URL manually please "
                    + "check your spelling and try again.";
            case 405 -> "The method is not allowed for the requested URL.";
            case 413 -> "The data value transmitted exceeds the capacity limit.";
            case 415 -> "The server does not support the media type transmitted in the request.";
            default -> "The browser (or proxy) sent a request that this server could not understand.";
        };
    }
}
