package io.parley.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.parley.gateway.proxy.Upstreams;
import io.parley.gateway.routing.UpstreamService;

/**
 * The gateway holds no state, so it is ready once its routes are installed. Upstream health is each
 * service's own readiness; this check only reports how many replicas each service has configured.
 */
@Readiness
@ApplicationScoped
public class UpstreamsHealthCheck implements HealthCheck {

    private final Upstreams upstreams;

    public UpstreamsHealthCheck(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway-routes").up();
        for (UpstreamService service : UpstreamService.values()) {
            builder.withData(service.serviceName(), upstreams.replicas(service));
        }
        return builder.build();
    }
}
