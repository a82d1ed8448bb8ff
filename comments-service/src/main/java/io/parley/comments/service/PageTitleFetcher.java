package io.parley.comments.service;

import io.parley.comments.config.TitleDiscoveryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a page of a configured site to read its title, without blocking: only origins listed in
 * {@code parley.title-discovery.hosts}, redirects only within the same origin, a whole-fetch timeout, a body size
 * cap, and no connection to loopback/private/link-local addresses unless allowed (checked on the address actually
 * connected to, so a DNS answer cannot point the fetch inwards). Shared by the Isso thread creation and the
 * Remark42 admin title refresh.
 */
@Singleton
public class PageTitleFetcher {

    private static final Logger LOG = Logger.getLogger(PageTitleFetcher.class);
    static final String USER_AGENT = "Parley/0.1 (Isso-compatible title discovery)";
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([\\w.:-]+)");

    private final Vertx vertx;
    private final TitleDiscoveryConfig config;
    private final List<String> origins;
    private final HttpClient client;

    @Inject
    public PageTitleFetcher(Vertx vertx, TitleDiscoveryConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.origins = config.hosts().orElse(List.of()).stream()
                .map(PageTitleFetcher::origin)
                .filter(o -> o != null)
                .distinct()
                .toList();
        int timeoutMillis = (int) Math.max(1, config.timeout().toMillis());
        // One connection per fetch: the peer address is checked per connection and never reused unchecked.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(false)
                .setConnectTimeout(timeoutMillis)
                .setMaxRedirects(0)
                .setTryUseCompression(false));
    }

    /** True when at least one origin is configured. */
    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** The configured origins, normalised as {@code scheme://host[:port]}. */
    public List<String> origins() {
        return origins;
    }

    /**
     * Reads {@code url} (an http(s) URL of a configured origin) and what it says about its title.
     * Fails with {@link PageFetchException} when the page may not or cannot be read, or does not answer 200.
     */
    public Uni<FetchedPage> fetch(URI url) {
        String origin = origin(url);
        if (origin == null || !origins.contains(origin)) {
            return Uni.createFrom().failure(new PageFetchException("not a configured site: " + origin));
        }
        return attempt(url, origin, 0)
                .ifNoItem().after(config.timeout()).failWith(() -> new PageFetchException("timed out"))
                // Parsing up to max-bytes of HTML is CPU work: off the event loop, back on the caller's context.
                .flatMap(raw -> vertx.executeBlocking(() -> PageParser.parse(raw.url(), raw.body(), raw.charset()),
                        false))
                .onFailure(e -> !(e instanceof PageFetchException))
                .transform(e -> new PageFetchException(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .onFailure().invoke(e -> LOG.debugf("title discovery for %s failed: %s", url, e.getMessage()));
    }

    private record Raw(URI url, byte[] body, String charset) {
    }

    private Uni<Raw> attempt(URI url, String origin, int redirects) {
        boolean https = "https".equals(url.getScheme());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(url.getHost())
                .setPort(port(url))
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .putHeader("User-Agent", USER_AGENT)
                .putHeader("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
        return client.request(options).flatMap(request -> {
            // Failures reach the Uni; the aborted streams need no further report (Vert.x logs unhandled ones).
            request.exceptionHandler(ignored -> { });
            SocketAddress peer = request.connection().remoteAddress();
            if (!config.allowPrivateAddresses() && (peer == null || isPrivate(peer.hostAddress()))) {
                request.reset();
                return Uni.createFrom().failure(new PageFetchException("refused: private address"));
            }
            return request.send()
                    .flatMap(response -> handle(request, response, url, origin, redirects))
                    .onFailure().invoke(() -> request.reset())
                    .onCancellation().invoke(() -> request.reset());
        });
    }

    private Uni<Raw> handle(HttpClientRequest request, HttpClientResponse response, URI url, String origin,
                            int redirects) {
        response.exceptionHandler(ignored -> { });
        int status = response.statusCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            request.reset();
            String location = response.getHeader("Location");
            if (location == null || redirects >= config.maxRedirects()) {
                return Uni.createFrom().failure(new PageFetchException("redirect not followed"));
            }
            URI next;
            try {
                next = url.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new PageFetchException("bad redirect"));
            }
            if (!origin.equals(origin(next))) {
                return Uni.createFrom().failure(new PageFetchException("redirect to another origin refused"));
            }
            return attempt(next, origin, redirects + 1);
        }
        if (status != 200) {
            request.reset();
            return Uni.createFrom().failure(new PageFetchException("status " + status));
        }
        int max = config.maxBytes();
        String length = response.getHeader("Content-Length");
        if (length != null && length.trim().chars().allMatch(Character::isDigit) && !length.isBlank()
                && Long.parseLong(length.trim()) > max) {
            request.reset();
            return Uni.createFrom().failure(new PageFetchException("page too large"));
        }
        String charset = charset(response.getHeader("Content-Type"));
        return response.toMulti()
                .collect().in(ByteArrayOutputStream::new, (out, chunk) -> {
                    if (out.size() + chunk.length() > max) {
                        throw new PageFetchException("page too large");
                    }
                    out.writeBytes(chunk.getBytes());
                })
                .map(out -> new Raw(url, out.toByteArray(), charset));
    }

    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** {@code scheme://host[:port]} of an http(s) URL, lower case, without a default port; else null. */
    static String origin(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return origin(URI.create(url.trim()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String origin(URI url) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || url.getRawUserInfo() != null
                || !("http".equals(scheme) || "https".equals(scheme))) {
            return null;
        }
        int port = url.getPort();
        boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Loopback, unspecified, private (RFC 1918, ULA), link-local, carrier-grade NAT, multicast, or unparsable. */
    static boolean isPrivate(String address) {
        if (address == null || address.isEmpty()
                || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
            return true;
        }
        InetAddress a;
        try {
            // A literal: no name lookup happens.
            a = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return true;
        }
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && (second & 0xc0) == 64) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
