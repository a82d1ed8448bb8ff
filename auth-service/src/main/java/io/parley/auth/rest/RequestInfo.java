package io.parley.auth.rest;

import io.parley.auth.config.AuthConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a request says about its client and how the browser reached us: the gateway passes the client address in
 * {@code X-Client-IP} and the original scheme and host in {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}; a
 * configured public URL wins over the latter.
 */
final class RequestInfo {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    private RequestInfo() {
    }

    /** The client address: the gateway's {@code X-Client-IP}, else the peer. */
    static String clientIp(HttpHeaders headers, HttpServerRequest request) {
        String forwarded = headers.getHeaderString("X-Client-IP");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.trim();
        }
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    /** The base URL browsers use for us, without a trailing slash, e.g. {@code https://comments.example.com}. */
    static String baseUrl(AuthConfig config, HttpHeaders headers, HttpServerRequest request) {
        return config.auth().publicUrl().map(url -> url.replaceAll("/+$", ""))
                .orElseGet(() -> scheme(headers, request) + "://" + requestHost(headers, request));
    }

    /** Host (and port) of {@link #baseUrl}. */
    static String host(AuthConfig config, HttpHeaders headers, HttpServerRequest request) {
        return java.net.URI.create(baseUrl(config, headers, request)).getAuthority();
    }

    /** Whether cookies get {@code Secure}: configured, else when browsers reach us over https. */
    static boolean secure(AuthConfig config, HttpHeaders headers, HttpServerRequest request) {
        return config.auth().secureCookies()
                .orElseGet(() -> baseUrl(config, headers, request).startsWith("https:"));
    }

    private static String scheme(HttpHeaders headers, HttpServerRequest request) {
        String proto = headers.getHeaderString("X-Forwarded-Proto");
        if (proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
            return proto.toLowerCase(Locale.ROOT);
        }
        return request.scheme() == null ? "http" : request.scheme();
    }

    private static String requestHost(HttpHeaders headers, HttpServerRequest request) {
        String forwarded = headers.getHeaderString("X-Forwarded-Host");
        if (forwarded != null && HOST.matcher(forwarded.trim()).matches()) {
            return forwarded.trim();
        }
        String own = request.authority() == null ? null : request.authority().toString();
        return own != null && HOST.matcher(own).matches() ? own : "localhost";
    }
}
