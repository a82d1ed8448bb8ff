package io.parley.gateway.http;

import io.parley.gateway.client.ClientAddress;
import io.parley.gateway.proxy.Replica;
import io.parley.gateway.routing.Route;

/** What the gateway learned about one request, for forwarding, the access log and metrics. */
public final class Exchange {

    private final long startNanos;
    private final String requestId;
    private final ClientAddress clientAddress;
    private Route route;
    private Replica replica;
    private String outcome = "ok";

    public Exchange(long startNanos, String requestId, ClientAddress clientAddress) {
        this.startNanos = startNanos;
        this.requestId = requestId;
        this.clientAddress = clientAddress;
    }

    public long startNanos() {
        return startNanos;
    }

    public String requestId() {
        return requestId;
    }

    public ClientAddress clientAddress() {
        return clientAddress;
    }

    public Route route() {
        return route;
    }

    public void route(Route route) {
        this.route = route;
    }

    public Replica replica() {
        return replica;
    }

    public void replica(Replica replica) {
        this.replica = replica;
    }

    /** ok, or why the gateway answered itself: not-found, unconfigured, unavailable, timeout, aborted... */
    public String outcome() {
        return outcome;
    }

    public void outcome(String outcome) {
        this.outcome = outcome;
    }
}
