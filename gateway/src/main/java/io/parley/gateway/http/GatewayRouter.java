package io.parley.gateway.http;

import java.net.InetAddress;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.parley.gateway.client.ClientAddress;
import io.parley.gateway.client.ClientAddressResolver;
import io.parley.gateway.client.IpAddresses;
import io.parley.gateway.proxy.GatewayProxy;
import io.parley.gateway.proxy.Upstreams;
import io.parley.gateway.ratelimit.RateLimiter;
import io.parley.gateway.routing.Route;
import io.parley.gateway.routing.RouteTable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public entry: every path except Quarkus's own {@code /q/*} lands here. Sets the request id and
 * CORS headers, answers preflights and unknown paths itself, and hands everything else to the proxy.
 */
@ApplicationScoped
public class GatewayRouter {

    private static final Set<HttpMethod> FORWARDED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final InetAddress UNKNOWN_PEER = IpAddresses.parse("0.0.0.0").orElseThrow();
    /** Read by Quarkus's Micrometer HTTP binder: the route template becomes the {@code uri} tag. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final RouteTable routes;
    private final Upstreams upstreams;
    private final ClientAddressResolver resolver;
    private final CorsPolicy cors;
    private final GatewayProxy proxy;
    private final AccessLog accessLog;
    private final RateLimiter rateLimiter;
    private final String managementRoot;

    public GatewayRouter(RouteTable routes, Upstreams upstreams, ClientAddressResolver resolver, CorsPolicy cors,
            GatewayProxy proxy, AccessLog accessLog, RateLimiter rateLimiter,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String managementRoot) {
        this.routes = routes;
        this.upstreams = upstreams;
        this.resolver = resolver;
        this.cors = cors;
        this.proxy = proxy;
        this.accessLog = accessLog;
        this.rateLimiter = rateLimiter;
        this.managementRoot = "/" + managementRoot.replaceAll("^/+|/+$", "");
    }

    void install(@Observes Router router) {
        String root = Pattern.quote(managementRoot);
        router.routeWithRegex("^(?!" + root + "(?:/|$)).*").handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        ClientAddress address = resolver.resolve(peer(request), request.headers().getAll("X-Forwarded-For"));
        Exchange exchange = new Exchange(System.nanoTime(), RequestIds.honourOrCreate(request.getHeader(RequestIds.HEADER)),
                address);
        response.putHeader(RequestIds.HEADER, exchange.requestId());
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        cors.applyTo(response.headers(), origin);
        ctx.addEndHandler(ended -> {
            if (ended.failed() && "ok".equals(exchange.outcome())) {
                exchange.outcome("aborted");
            }
            accessLog.record(request, response.getStatusCode(), exchange);
        });

        HttpMethod method = request.method();
        String path = ctx.normalizedPath();
        // a fixed metrics tag until a route matches: raw paths of unknown requests must not become tags
        metricsContext(request).putLocal(URL_PATH_TEMPLATE, "/{unrouted}");
        if (method == HttpMethod.OPTIONS) {
            // CORS preflight, and Isso's "OPTIONS on any path" (isso.md §9): answered here, never forwarded
            exchange.outcome("preflight");
            cors.applyPreflight(response.headers(), origin);
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end();
            return;
        }
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
                && (path.equals("/ping") || path.equals("/api/v1/ping"))) {
            exchange.outcome("ping");
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("pong"); // remark42.md §0
            return;
        }
        if (!FORWARDED_METHODS.contains(method)) {
            exchange.outcome("bad-method");
            GatewayErrors.send(response, 405, "method not allowed", null);
            return;
        }
        Route route = routes.match(path).orElse(null);
        if (route == null) {
            exchange.outcome("not-found");
            GatewayErrors.send(response, 404, "not found", null);
            return;
        }
        exchange.route(route);
        metricsContext(request).putLocal(URL_PATH_TEMPLATE, route.template());
        if (!rateLimiter.allow(method.name(), path, address.client(), System.nanoTime())) {
            exchange.outcome("rate-limited");
            // tollbooth's answer, which Remark42 clients know (remark42.md §0)
            response.setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("You have reached maximum request limit.");
            return;
        }
        upstreams.pool(route.service()).ifPresentOrElse(
                pool -> proxy.forward(ctx, exchange, route, pool),
                () -> {
                    exchange.outcome("unconfigured");
                    GatewayErrors.send(response, 503, "service not configured", route.service().serviceName());
                });
    }

    private static InetAddress peer(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return UNKNOWN_PEER;
        }
        return IpAddresses.parse(request.remoteAddress().hostAddress()).orElse(UNKNOWN_PEER);
    }

    private static Context metricsContext(HttpServerRequest request) {
        return request instanceof HttpServerRequestInternal internal ? internal.context() : Vertx.currentContext();
    }
}
