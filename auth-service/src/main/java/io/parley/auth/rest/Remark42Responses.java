package io.parley.auth.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Remark42's answers under /api/v1: plain-text middleware rejections and {@code {error, details, code}} errors. */
final class Remark42Responses {

    /** Remark42's error codes used here ({@code rest/httperrors.go}). */
    static final int CODE_INTERNAL = 0;
    static final int CODE_BAD_REQUEST = 2;
    static final int CODE_NO_ACCESS = 3;
    static final int CODE_ACTION_REJECTED = 17;

    private Remark42Responses() {
    }

    static Response.ResponseBuilder unauthorized() {
        return Response.status(401).type(MediaType.TEXT_PLAIN).entity("Unauthorized\n");
    }

    static Response.ResponseBuilder forbidden() {
        return Response.status(403).type(MediaType.TEXT_PLAIN).entity("Access denied\n");
    }

    static Response error(int status, String error, String details, int code) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Views.Remark42Error(error, details, code)).build();
    }
}
