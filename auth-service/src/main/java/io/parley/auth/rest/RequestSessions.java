package io.parley.auth.rest;

import io.parley.auth.service.CurrentSession;
import io.parley.auth.service.SessionService;
import io.parley.session.PresentedToken;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;

/** The session a request presents, in the transport order of the session contract (shared with the verifiers). */
@ApplicationScoped
public class RequestSessions {

    @Inject
    SessionService sessions;

    @Inject
    SessionCookies cookies;

    /** See {@link SessionService#current}: an expired cookie token comes back renewed. */
    public Uni<Optional<CurrentSession>> current(HttpHeaders headers, UriInfo uri) {
        Cookie cookie = headers.getCookies().get(PresentedToken.COOKIE);
        Optional<PresentedToken> token = PresentedToken.find(uri.getQueryParameters().getFirst(
                PresentedToken.QUERY_PARAMETER), headers.getHeaderString(PresentedToken.HEADER),
                cookie == null ? null : cookie.getValue());
        return sessions.current(token, headers.getHeaderString(PresentedToken.XSRF_HEADER));
    }

    /** Sets the cookies of a renewed token on the response. */
    public Response.ResponseBuilder renewing(Response.ResponseBuilder response, CurrentSession session,
            boolean secure) {
        return session.renewed() == null ? response : cookies.set(response, session.renewed(), secure);
    }
}
