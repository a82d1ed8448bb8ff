package io.parley.auth.rest;

import io.parley.auth.config.AuthConfig;
import io.parley.session.PresentedToken;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the current request says about its client and how the browser reached us: the gateway passes the client
 * address in {@code X-Client-IP} and the original scheme and host in {@code X-Forwarded-Proto}/{@code
 * X-Forwarded-Host}; a configured public URL wins over the latter.
 */
@RequestScoped
public class RequestDetails {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    @Inject
    HttpServerRequest request;

    @Inject
    AuthConfig config;

    /** The client address: the gateway's {@code X-Client-IP}, else the peer. */
    public String clientIp() {
        String forwarded = request.getHeader("X-Client-IP");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.trim();
        }
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    /** The base URL browsers use for us, without a trailing slash, e.g. {@code https://comments.example.com}. */
    public String baseUrl() {
        return config.auth().publicUrl().map(url -> url.replaceAll("/+$", ""))
                .orElseGet(() -> scheme() + "://" + requestHost());
    }

    /** Host (and port) of {@link #baseUrl}. */
    public String host() {
        return URI.create(baseUrl()).getAuthority();
    }

    /** Whether cookies get {@code Secure}: configured, else when browsers reach us over https. */
    public boolean secure() {
        return config.auth().secureCookies().orElseGet(() -> baseUrl().startsWith("https:"));
    }

    /** Whether {@code from} may receive the browser after a login (our host or an allowed one). */
    public boolean redirectAllowed(String from) {
        return io.parley.auth.service.RedirectPolicy.allowed(from, host(),
                config.auth().allowedHosts().orElse(List.of()));
    }

    /** The session token the request presents: query {@code jwt}, header {@code X-JWT}, cookie {@code JWT}. */
    public Optional<PresentedToken> presentedToken() {
        Cookie cookie = request.getCookie(PresentedToken.COOKIE);
        return PresentedToken.find(request.getParam(PresentedToken.QUERY_PARAMETER),
                request.getHeader(PresentedToken.HEADER), cookie == null ? null : cookie.getValue());
    }

    public String xsrfHeader() {
        return request.getHeader(PresentedToken.XSRF_HEADER);
    }

    private String scheme() {
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
            return proto.toLowerCase(Locale.ROOT);
        }
        return request.scheme() == null ? "http" : request.scheme();
    }

    private String requestHost() {
        String forwarded = request.getHeader("X-Forwarded-Host");
        if (forwarded != null && HOST.matcher(forwarded.trim()).matches()) {
            return forwarded.trim();
        }
        String own = request.authority() == null ? null : request.authority().toString();
        return own != null && HOST.matcher(own).matches() ? own : "localhost";
    }
}
