package io.parley.votes.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** The client's address: set by the gateway (services are reachable only through it), else the peer's. */
final class ClientAddress {

    static final String HEADER = "X-Client-IP";

    private ClientAddress() {
    }

    static String of(String header, HttpServerRequest http) {
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        SocketAddress peer = http.remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }
}
