package io.parley.gateway.routing;

/** The services behind the gateway, named as they appear in error bodies, logs and metrics. */
public enum UpstreamService {
    COMMENTS("comments-service"),
    FEED("feed-service"),
    VOTES("votes-service"),
    AUTH("auth-service"),
    NOTIFY("notify-service");

    private final String serviceName;

    UpstreamService(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
