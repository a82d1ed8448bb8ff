package io.parley.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The gateway's own error answers: small JSON bodies, never a stack trace. */
public final class GatewayErrors {

    private GatewayErrors() {
    }

    public static void send(HttpServerResponse response, int status, String error, String service) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // the upstream's status line already went out: all we can do is cut the stream
            response.reset();
            return;
        }
        JsonObject body = new JsonObject().put("error", error);
        if (service != null) {
            body.put("service", service);
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }
}
