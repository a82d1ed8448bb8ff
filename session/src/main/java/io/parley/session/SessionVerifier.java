package io.parley.session;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The session of a request, for every service that needs a signed-in user. Tokens are verified here with
 * auth-service's published keys; no call to auth-service per request.
 */
@ApplicationScoped
public class SessionVerifier {

    private static final Logger LOG = Logger.getLogger(SessionVerifier.class);

    @Inject
    SessionConfig config;

    @Inject
    Vertx vertx;

    private SessionKeys keys;
    private SessionTokens tokens;

    @PostConstruct
    void init() {
        tokens = new SessionTokens(config.issuer(), config.clockSkew());
        keys = config.jwksUrl().map(url -> new SessionKeys(vertx, url, config.jwksRefresh(), Clock.systemUTC()))
                .orElse(null);
        if (keys == null) {
            LOG.warn("parley.session.jwks-url is not set: every session token will be refused");
        }
    }

    @PreDestroy
    void close() {
        if (keys != null) {
            keys.close();
        }
    }

    /** The request's user; empty without a token; fails with {@link SessionException} 401 for a bad token. */
    public Uni<Optional<SessionUser>> find(HttpHeaders headers, UriInfo uri) {
        Cookie cookie = headers.getCookies().get(PresentedToken.COOKIE);
        return find(uri.getQueryParameters().getFirst(PresentedToken.QUERY_PARAMETER),
                headers.getHeaderString(PresentedToken.HEADER), cookie == null ? null : cookie.getValue(),
                headers.getHeaderString(PresentedToken.XSRF_HEADER));
    }

    /** The request's user, who must have a session for {@code site}: 401 without one, 403 for another site. */
    public Uni<SessionUser> require(HttpHeaders headers, UriInfo uri, String site) {
        return find(headers, uri).map(user -> {
            SessionUser found = user.orElseThrow(SessionException::unauthorized);
            if (site == null || !site.equals(found.site())) {
                throw SessionException.forbidden();
            }
            return found;
        });
    }

    /** The same lookup from raw values, for callers outside JAX-RS (Vert.x routes). */
    public Uni<Optional<SessionUser>> find(String queryJwt, String headerJwt, String cookieJwt, String xsrfHeader) {
        Optional<PresentedToken> token = PresentedToken.find(queryJwt, headerJwt, cookieJwt);
        if (token.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (keys == null) {
            return Uni.createFrom().failure(SessionException.unauthorized());
        }
        PresentedToken presented = token.get();
        return keys.current()
                .flatMap(current -> SessionTokens.signedByOneOf(presented.jwt(), current)
                        ? Uni.createFrom().item(current)
                        : keys.afterUnknownKey())
                .map(current -> Optional.of(tokens.verify(presented, xsrfHeader, current)));
    }
}
