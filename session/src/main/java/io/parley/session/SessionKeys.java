package io.parley.session;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * auth-service's public keys, fetched without blocking and kept for {@code refresh}; fetched again early when a
 * token names a key not seen yet (rotation), but at most once per {@link #MIN_REFETCH}. While auth-service is
 * unreachable the last keys stay in use.
 */
public class SessionKeys {

    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SessionKeys.class);

    private final String location;
    private final Duration refresh;
    private final Clock clock;
    private final HttpClient http;

    private volatile List<JsonWebKey> keys;
    private volatile Instant fetchedAt = Instant.MIN;
    private Uni<List<JsonWebKey>> inFlight;

    public SessionKeys(Vertx vertx, String location, Duration refresh, Clock clock) {
        this.location = location;
        this.refresh = refresh;
        this.clock = clock;
        this.http = location.startsWith("http:") || location.startsWith("https:") ? vertx.createHttpClient() : null;
    }

    /** The keys to verify with: the cached ones while fresh, else fetched again. */
    public Uni<List<JsonWebKey>> current() {
        List<JsonWebKey> cached = keys;
        if (cached != null && clock.instant().isBefore(fetchedAt.plus(refresh))) {
            return Uni.createFrom().item(cached);
        }
        return fetchShared();
    }

    /** Keys fetched again because a token named an unknown key; the cached ones if fetched moments ago. */
    public Uni<List<JsonWebKey>> afterUnknownKey() {
        List<JsonWebKey> cached = keys;
        if (cached != null && clock.instant().isBefore(fetchedAt.plus(MIN_REFETCH))) {
            return Uni.createFrom().item(cached);
        }
        return fetchShared();
    }

    /** One fetch at a time, shared by every request that waits for it. */
    private synchronized Uni<List<JsonWebKey>> fetchShared() {
        if (inFlight == null) {
            inFlight = fetch()
                    .invoke(fetched -> {
                        keys = fetched;
                        fetchedAt = clock.instant();
                    })
                    .onFailure().recoverWithUni(failure -> {
                        List<JsonWebKey> cached = keys;
                        if (cached != null) {
                            LOG.warnf("Could not refresh session keys from %s (%s); using the previous ones",
                                    location, failure.getMessage());
                            fetchedAt = clock.instant().minus(refresh).plus(MIN_REFETCH);
                            return Uni.createFrom().item(cached);
                        }
                        LOG.warnf("Could not load session keys from %s: %s", location, failure.getMessage());
                        return Uni.createFrom().failure(new SessionException(503, "Service Unavailable"));
                    })
                    .onTermination().invoke(this::fetchDone)
                    .memoize().indefinitely();
        }
        return inFlight;
    }

    private synchronized void fetchDone() {
        inFlight = null;
    }

    private Uni<List<JsonWebKey>> fetch() {
        Uni<String> body;
        if (http != null) {
            body = http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(location)
                            .putHeader("Accept", "application/json"))
                    .flatMap(HttpClientRequest::send)
                    .flatMap(response -> response.statusCode() == 200
                            ? response.body().map(Buffer::toString)
                            : Uni.createFrom().failure(new IOException("HTTP " + response.statusCode())))
                    .ifNoItem().after(FETCH_TIMEOUT).fail();
        } else {
            body = Uni.createFrom().item(this::readLocal).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return body.map(SessionKeys::parse);
    }

    private String readLocal() {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : SessionKeys.class.getClassLoader();
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("no resource " + resource);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String file = location.startsWith("file:") ? location.substring("file:".length()) : location;
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<JsonWebKey> parse(String json) {
        try {
            List<JsonWebKey> parsed = new JsonWebKeySet(json).getJsonWebKeys();
            if (parsed.isEmpty()) {
                throw new IllegalStateException("the key set is empty");
            }
            return List.copyOf(parsed);
        } catch (JoseException e) {
            throw new IllegalStateException("not a JWKS: " + e.getMessage(), e);
        }
    }

    /** Releases the HTTP client. */
    public void close() {
        if (http != null) {
            http.closeAndForget();
        }
    }
}
