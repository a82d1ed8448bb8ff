package io.parley.notify.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Remark42's JSON error body {@code {"error", "details", "code"}} (rest/httperrors.go codes). */
final class RemarkErrors {

    static final int BAD_REQUEST = 2;
    static final int NO_ACCESS = 3;
    static final int ACTION_REJECTED = 17;

    private RemarkErrors() {
    }

    static Response error(int status, String error, String details, int code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("details", details);
        body.put("code", code);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
