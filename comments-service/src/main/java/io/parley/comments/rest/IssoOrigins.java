package io.parley.comments.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Which configured site a request comes from, and the base URL it reached us at (Isso's CORS "origin"/"host"). */
final class IssoOrigins {

    static final String NO_SITE = "http://invalid.local";

    private IssoOrigins() {
    }

    /** {@code scheme://host} of the request as the client saw it (the gateway forwards proto and host). */
    static String requestBase(HttpHeaders headers, HttpServerRequest http) {
        String proto = IssoRequests.isHttps(headers.getHeaderString("X-Forwarded-Proto"), http) ? "https" : "http";
        String host = headers.getHeaderString("X-Forwarded-Host");
        if (host == null || host.isBlank()) {
            host = headers.getHeaderString(HttpHeaders.HOST);
        }
        if (host == null || host.isBlank()) {
            host = "localhost";
        }
        return proto + "://" + host.split(",")[0].trim();
    }

    /**
     * The configured host whose scheme, host and port equal those of the request's Origin (or Referer), else the
     * first configured host, else {@value #NO_SITE}.
     */
    static String matchingSite(List<String> hosts, HttpHeaders headers) {
        return matchingSite(hosts, headers.getHeaderString("Origin"), headers.getHeaderString("Referer"));
    }

    static String matchingSite(List<String> hosts, String origin, String referer) {
        String from = origin == null || origin.isBlank() ? referer : origin;
        String wanted = normalise(from);
        for (String host : hosts) {
            String site = normalise(host);
            if (site != null && site.equals(wanted)) {
                return site;
            }
        }
        if (hosts.isEmpty()) {
            return NO_SITE;
        }
        String first = normalise(hosts.get(0));
        return first == null ? NO_SITE : first;
    }

    /** {@code scheme://host[:port]} without a default port, or null when {@code url} is not an http(s) URL. */
    static String normalise(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
