package io.parley.gateway.http;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * One log line and one timer sample per request. The line never holds a full client address (only
 * its anonymised network), e-mails, keys or query values that could be private.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.parley.gateway.access");

    private final MeterRegistry registry;
    private final boolean enabled;

    public AccessLog(MeterRegistry registry, GatewayConfig config) {
        this.registry = registry;
        this.enabled = config.accessLog();
    }

    public void record(HttpServerRequest request, int status, Exchange exchange) {
        long nanos = System.nanoTime() - exchange.startNanos();
        String route = exchange.route() == null ? "unmatched" : exchange.route().template();
        String service = exchange.route() == null ? "gateway" : exchange.route().service().serviceName();
        Timer.builder("parley.gateway.requests")
                .description("Requests through the gateway, per route and owning service")
                .tag("route", route)
                .tag("service", service)
                .tag("method", request.method().name())
                .tag("status", Integer.toString(status))
                .tag("outcome", exchange.outcome())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (enabled && LOG.isInfoEnabled()) {
            LOG.infof("%s %s %d %dms service=%s upstream=%s outcome=%s rid=%s net=%s",
                    request.method().name(),
                    LogSanitizer.target(request.path(), request.query()),
                    status,
                    TimeUnit.NANOSECONDS.toMillis(nanos),
                    service,
                    exchange.replica() == null ? "-" : exchange.replica().toString(),
                    exchange.outcome(),
                    exchange.requestId(),
                    exchange.clientAddress().anonymisedNetwork());
        }
    }
}
