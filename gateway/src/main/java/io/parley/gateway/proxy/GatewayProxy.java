package io.parley.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.gateway.client.ClientAddressResolver;
import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.http.Exchange;
import io.parley.gateway.http.GatewayErrors;
import io.parley.gateway.http.RequestIds;
import io.parley.gateway.routing.Route;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards one request to a replica with vertx-http-proxy. Bodies are piped in both directions with
 * back-pressure and never buffered, so SSE and large uploads stream through. The only timer is on the
 * upstream's response headers; once they arrive the body may flow (or idle) for as long as both ends
 * keep the connection open.
 */
@ApplicationScoped
public class GatewayProxy {

    private static final Logger LOG = Logger.getLogger(GatewayProxy.class);

    /** Headers only the gateway may set upstream; whatever a client sent under these names is dropped. */
    private static final List<String> GATEWAY_OWNED_REQUEST_HEADERS = List.of("X-Client-IP", "X-Real-IP",
            "Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port",
            "X-Forwarded-Prefix", "CF-Connecting-IP", "True-Client-IP", RequestIds.HEADER, "Expect");
    /** Response headers the gateway owns (CORS, request id) or that are hop-by-hop. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("x-request-id", "connection", "keep-alive",
            "proxy-authenticate", "trailer", "upgrade");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ClientAddressResolver resolver;
    private final HttpClient client;

    public GatewayProxy(Vertx vertx, GatewayConfig config, ClientAddressResolver resolver) {
        this.vertx = vertx;
        this.config = config;
        this.resolver = resolver;
        requirePositive("parley.gateway.connect-timeout", config.connectTimeout());
        requirePositive("parley.gateway.response-timeout", config.responseTimeout());
        requirePositive("parley.gateway.long-response-timeout", config.longResponseTimeout());
        if (config.maxConnectionsPerReplica() < 1) {
            throw new IllegalArgumentException("parley.gateway.max-connections-per-replica must be at least 1");
        }
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                // shorter than the services' own idle timeout, so we never reuse a connection they are closing
                .setKeepAliveTimeout(30)
                // no idle timeout on connections in use: an SSE stream may be quiet between events
                .setIdleTimeout(0)
                // pass encodings through untouched
                .setDecompressionSupported(false)
                .setTryUseCompression(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerReplica());
        this.client = vertx.createHttpClient(options, pool);
    }

    private static void requirePositive(String key, Duration value) {
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(key + " must be at least 1 ms, got " + value);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public void forward(RoutingContext ctx, Exchange exchange, Route route, ReplicaPool pool) {
        HttpServerRequest request = ctx.request();
        if (!validTransferEncoding(request.headers())) {
            exchange.outcome("bad-request");
            GatewayErrors.send(ctx.response(), 400, "unsupported transfer-encoding", null);
            return;
        }
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request); // pauses the body until it is piped
        List<Replica> order = pool.attemptOrder();
        rewriteRequestHeaders(proxyRequest.headers(), request, exchange);
        String service = route.service().serviceName();
        long headerTimeoutMs = (route.longRunning() ? config.longResponseTimeout() : config.responseTimeout()).toMillis();

        connect(pool, order, 0, exchange).onComplete(connected -> {
            if (connected.failed()) {
                exchange.outcome("unavailable");
                LOG.debugf("no replica of %s reachable: %s", service, connected.cause().toString());
                proxyRequest.release();
                GatewayErrors.send(ctx.response(), 502, "upstream unavailable", service);
                return;
            }
            HttpClientRequest upstream = connected.result();
            if (ctx.response().closed()) {
                exchange.outcome("aborted"); // the client left while we were connecting
                upstream.reset();
                return;
            }
            proxyRequest.setURI(exchange.replica().target(ctx.normalizedPath(), request.query()));
            HeaderTimer timer = new HeaderTimer(upstream, request, headerTimeoutMs);
            proxyRequest.send(upstream).onComplete(sent -> {
                timer.cancel();
                if (sent.failed()) {
                    exchange.outcome(timer.fired ? "timeout" : "unavailable");
                    LOG.debugf("%s %s failed: %s", service, exchange.replica(), sent.cause().toString());
                    proxyRequest.release();
                    GatewayErrors.send(ctx.response(), timer.fired ? 504 : 502,
                            timer.fired ? "upstream timeout" : "upstream unavailable", service);
                    return;
                }
                ProxyResponse response = sent.result();
                cleanResponseHeaders(response.headers());
                response.send().onFailure(err -> {
                    // the client went away or the upstream cut the body: both sides are closed by now
                    exchange.outcome("aborted");
                    LOG.debugf("%s stream ended early: %s", service, err.toString());
                });
            });
        });
    }

    /**
     * Limits the wait for the upstream's response headers. The clock only runs out once the client has
     * finished sending its body, so a slow upload is not mistaken for a slow service.
     */
    private final class HeaderTimer {
        private final HttpClientRequest upstream;
        private final HttpServerRequest request;
        private final long timeoutMs;
        private long timerId;
        private boolean fired;

        HeaderTimer(HttpClientRequest upstream, HttpServerRequest request, long timeoutMs) {
            this.upstream = upstream;
            this.request = request;
            this.timeoutMs = timeoutMs;
            this.timerId = vertx.setTimer(timeoutMs, this::expire);
        }

        private void expire(long id) {
            if (!request.isEnded()) {
                timerId = vertx.setTimer(timeoutMs, this::expire);
                return;
            }
            fired = true;
            upstream.reset(0, new TimeoutException("no response headers within " + timeoutMs + " ms"));
        }

        void cancel() {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * Gets a request on the first replica that accepts a connection. Nothing has been sent when a
     * connection fails, so trying the next replica is safe for every method, not only idempotent ones.
     */
    private Future<HttpClientRequest> connect(ReplicaPool pool, List<Replica> order, int index, Exchange exchange) {
        Replica replica = order.get(index);
        RequestOptions options = new RequestOptions()
                .setHost(replica.host())
                .setPort(replica.port())
                .setSsl(replica.ssl())
                .setConnectTimeout(config.connectTimeout().toMillis());
        return client.request(options).transform(ar -> {
            if (ar.succeeded()) {
                pool.connected(replica);
                exchange.replica(replica);
                return Future.succeededFuture(ar.result());
            }
            pool.connectFailed(replica);
            LOG.debugf("%s replica %s refused: %s", pool.service().serviceName(), replica, ar.cause().toString());
            if (index + 1 < order.size()) {
                return connect(pool, order, index + 1, exchange);
            }
            exchange.replica(replica);
            return Future.failedFuture(ar.cause());
        });
    }

    private void rewriteRequestHeaders(MultiMap headers, HttpServerRequest request, Exchange exchange) {
        boolean trustedPeer = resolver.isTrusted(exchange.clientAddress().peer());
        String forwardedProto = trustedPeer ? firstElement(request.headers().get("X-Forwarded-Proto")) : null;
        String forwardedHost = trustedPeer ? firstElement(request.headers().get("X-Forwarded-Host")) : null;
        for (String name : GATEWAY_OWNED_REQUEST_HEADERS) {
            headers.remove(name);
        }
        headers.set("X-Client-IP", exchange.clientAddress().client().getHostAddress());
        headers.set("X-Forwarded-For", exchange.clientAddress().forwardedFor());
        headers.set("X-Forwarded-Proto", "https".equalsIgnoreCase(forwardedProto) || "http".equalsIgnoreCase(forwardedProto)
                ? forwardedProto.toLowerCase(Locale.ROOT)
                : request.scheme());
        HostAndPort authority = request.authority();
        String host = forwardedHost != null && forwardedHost.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}") ? forwardedHost
                : authority == null ? null : authority.toString();
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        headers.set(RequestIds.HEADER, exchange.requestId());
    }

    private static void cleanResponseHeaders(MultiMap headers) {
        headers.names().stream()
                .filter(name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return lower.startsWith("access-control-") || DROPPED_RESPONSE_HEADERS.contains(lower);
                })
                .toList()
                .forEach(headers::remove);
    }

    /** Only "chunked" is understood; anything else would be forwarded wrongly (request smuggling). */
    private static boolean validTransferEncoding(MultiMap headers) {
        for (String value : headers.getAll("Transfer-Encoding")) {
            if (!value.equals("chunked")) {
                return false;
            }
        }
        return true;
    }

    private static String firstElement(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }
}
