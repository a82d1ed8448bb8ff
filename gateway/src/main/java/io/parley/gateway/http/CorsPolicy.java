package io.parley.gateway.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * CORS for the configured site origins, with credentials (isso.md §9, remark42.md §0). Unlike Isso the
 * gateway never falls back to "the first configured host" for a foreign origin: such a request gets no
 * Allow-Origin at all, and {@code Vary: Origin} keeps caches from mixing the two answers.
 */
public final class CorsPolicy {

    static final String ALLOW_METHODS = "HEAD, GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOW_HEADERS = "Origin, Referer, Accept, Authorization, Content-Type, X-Requested-With, "
            + "X-XSRF-TOKEN, X-JWT, X-Request-Id";
    static final String EXPOSE_HEADERS = "X-Set-Cookie, Date, Authorization, X-Request-Id";
    static final String MAX_AGE_SECONDS = "300";

    private final Set<String> origins;

    public CorsPolicy(List<String> configuredOrigins) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String origin : configuredOrigins) {
            if (!origin.isBlank()) {
                normalised.add(normalise(origin.trim())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "parley.gateway.cors-origins: not an http(s) origin: '" + origin + "'")));
            }
        }
        this.origins = Set.copyOf(normalised);
    }

    /** The Allow-Origin value for this request's Origin header, if that origin is configured. */
    public Optional<String> allowedOrigin(String originHeader) {
        if (originHeader == null || originHeader.isBlank()) {
            return Optional.empty();
        }
        return normalise(originHeader.trim()).filter(origins::contains).map(o -> originHeader.trim());
    }

    /** Headers for every response. */
    public void applyTo(MultiMap headers, String originHeader) {
        headers.add("Vary", "Origin");
        allowedOrigin(originHeader).ifPresent(origin -> {
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Access-Control-Allow-Credentials", "true");
            headers.set("Access-Control-Allow-Methods", ALLOW_METHODS);
            headers.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
            headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        });
    }

    /** Extra headers for a preflight answer. */
    public void applyPreflight(MultiMap headers, String originHeader) {
        allowedOrigin(originHeader).ifPresent(origin -> headers.set("Access-Control-Max-Age", MAX_AGE_SECONDS));
    }

    /** scheme://host[:port], lower case, default port dropped; empty if not an http(s) origin. */
    static Optional<String> normalise(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return Optional.empty();
            }
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
