package io.parley.session;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Remark42 answers session failures in its middleware, as plain text: {@code Unauthorized} or {@code Access denied}. */
@Provider
public class SessionExceptionMapper implements ExceptionMapper<SessionException> {

    @Override
    public Response toResponse(SessionException e) {
        return Response.status(e.status()).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .entity(e.getMessage() + "\n").build();
    }
}
