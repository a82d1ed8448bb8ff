package io.parley.auth.rest;

import io.parley.auth.service.LoginRejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused login answers go-pkgz/auth's {@code {"error": ...}} with the rule's status. */
@Provider
public class LoginResponses implements ExceptionMapper<LoginRejectedException> {

    @Override
    public Response toResponse(LoginRejectedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new Views.AuthError(e.getMessage())).build();
    }

    /** Remark42's boolean query flags ({@code session=1}): 1 or true. */
    static boolean flag(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }
}
