package io.parley.gateway.routing;

/**
 * One routing rule. Routes match on the path alone: no path is shared by two services, and a wrong
 * method is answered by the owning service (405 in its dialect's shape), not by the gateway.
 * {@code longRunning} routes may legitimately hold back their response headers (long polls, exports)
 * and get the long response timeout.
 */
public record Route(PathPattern pattern, UpstreamService service, boolean longRunning) {

    public boolean matches(String path) {
        return pattern.matches(path);
    }

    public String template() {
        return pattern.template();
    }
}
