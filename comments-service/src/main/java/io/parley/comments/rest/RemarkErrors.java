package io.parley.comments.rest;

import io.parley.comments.service.CommentNotFoundException;
import io.parley.comments.service.RemarkRejection;
import io.parley.session.SessionException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Remark42's error answers. The module's catch-all mappers speak Isso, so every Remark42 resource passes its
 * results through {@link #remark} to turn any failure into a {@link RemarkRejection} first.
 */
public class RemarkErrors {

    private static final Logger LOG = Logger.getLogger(RemarkErrors.class);

    /** Remark42's error body ({@code rest.SendErrorJSON}). */
    public record Body(String error, String details, int code) {
    }

    @ServerExceptionMapper
    public Response rejected(RemarkRejection e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Body(e.getMessage(), e.details(), e.code())).build();
    }

    /**
     * {@code result} with failures in Remark42's terms: a missing comment is code 1, a session failure keeps its
     * plain-text answer, anything unexpected is logged and becomes 500 code 0 ({@code details} says what failed).
     */
    static <T> Uni<T> remark(Uni<T> result, String details) {
        return result.onFailure(RemarkErrors::needsTranslation).transform(failure -> {
            if (failure instanceof CommentNotFoundException) {
                return RemarkRejection.badRequest(RemarkRejection.COMMENT_NOT_FOUND, "comment not found", details);
            }
            LOG.errorf(failure, "Remark42 request failed: %s", details);
            return new RemarkRejection(500, RemarkRejection.INTERNAL, "internal error", details);
        });
    }

    private static boolean needsTranslation(Throwable failure) {
        return !(failure instanceof RemarkRejection) && !(failure instanceof SessionException);
    }
}
