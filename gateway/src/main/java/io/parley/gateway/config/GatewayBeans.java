package io.parley.gateway.config;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.parley.gateway.client.ClientAddressResolver;
import io.parley.gateway.client.IpRange;
import io.parley.gateway.http.CorsPolicy;
import io.parley.gateway.proxy.Upstreams;
import io.parley.gateway.ratelimit.RateLimiter;
import io.parley.gateway.routing.PathPattern;
import io.parley.gateway.routing.RouteTable;
import io.parley.gateway.routing.UpstreamService;

/** Turns configuration into the immutable objects the request path uses; bad values fail startup. */
@ApplicationScoped
public class GatewayBeans {

    private static final Logger LOG = Logger.getLogger(GatewayBeans.class);

    @Produces
    @Singleton
    RouteTable routeTable() {
        return RouteTable.defaults();
    }

    @Produces
    @Singleton
    Upstreams upstreams(GatewayConfig config) {
        Upstreams upstreams = Upstreams.from(config);
        for (UpstreamService service : UpstreamService.values()) {
            int replicas = upstreams.replicas(service);
            LOG.infof("%s: %s", service.serviceName(),
                    replicas == 0 ? "not configured, its routes answer 503" : replicas + " replica(s)");
        }
        return upstreams;
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(GatewayConfig config) {
        GatewayConfig.RateLimits limits = config.rateLimits();
        if (!limits.enabled() || limits.rules().isEmpty()) {
            LOG.info("rate limits: off");
            return RateLimiter.disabled();
        }
        List<RateLimiter.Rule> rules = limits.rules().entrySet().stream()
                .map(e -> new RateLimiter.Rule(e.getKey(),
                        e.getValue().paths().stream().map(String::trim).filter(p -> !p.isEmpty())
                                .map(PathPattern::of).toList(),
                        java.util.Set.copyOf(e.getValue().methods().orElse(List.of())), e.getValue().rps()))
                .toList();
        LOG.infof("rate limits: %d rule(s) per client address and path", rules.size());
        return new RateLimiter(rules, limits.maxBuckets());
    }

    @Produces
    @Singleton
    ClientAddressResolver clientAddressResolver(GatewayConfig config) {
        List<IpRange> trusted = config.trustedProxies().orElse(List.of()).stream()
                .filter(s -> !s.isBlank())
                .map(s -> {
                    try {
                        return IpRange.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("parley.gateway.trusted-proxies: " + e.getMessage());
                    }
                })
                .toList();
        return new ClientAddressResolver(trusted);
    }

    @Produces
    @Singleton
    CorsPolicy corsPolicy(GatewayConfig config) {
        return new CorsPolicy(config.corsOrigins().orElse(List.of()));
    }
}
