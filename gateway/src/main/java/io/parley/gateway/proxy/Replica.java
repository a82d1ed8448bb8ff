package io.parley.gateway.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** One upstream instance: base URL parts plus a short "recently failed to connect" pause. */
public final class Replica {

    private static final long NOT_PAUSED = Long.MIN_VALUE;

    private final String host;
    private final int port;
    private final boolean ssl;
    private final String basePath;
    private final AtomicLong pausedUntilNanos = new AtomicLong(NOT_PAUSED);

    private Replica(String host, int port, boolean ssl, String basePath) {
        this.host = host;
        this.port = port;
        this.ssl = ssl;
        this.basePath = basePath;
    }

    /** @throws IllegalArgumentException naming the config key for anything but an http(s) base URL */
    static Replica parse(String key, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": not a URL: '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(key + ": expected http(s)://host[:port][/base-path], got '" + url + "'");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new Replica(host, port, ssl, path);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean ssl() {
        return ssl;
    }

    /** The request target upstream: base path + the (normalised) public path and query. */
    String target(String path, String query) {
        return basePath + path + (query == null ? "" : "?" + query);
    }

    boolean paused(long nowNanos) {
        long until = pausedUntilNanos.get();
        return until != NOT_PAUSED && nowNanos - until < 0;
    }

    void pause(long nowNanos, long pauseNanos) {
        pausedUntilNanos.set(nowNanos + pauseNanos);
    }

    void resume() {
        pausedUntilNanos.set(NOT_PAUSED);
    }

    /** host:port, the form used in logs (upstreams are infrastructure, not people). */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
