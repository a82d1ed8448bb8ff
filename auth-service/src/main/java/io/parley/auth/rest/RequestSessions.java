package io.parley.auth.rest;

import io.parley.auth.service.CurrentSession;
import io.parley.auth.service.SessionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** The session of the current request, and the cookies of a renewed one. */
@ApplicationScoped
public class RequestSessions {

    @Inject
    SessionService sessions;

    @Inject
    SessionCookies cookies;

    @Inject
    RequestDetails request;

    /** See {@link SessionService#current}: an expired cookie token comes back renewed. */
    public Uni<Optional<CurrentSession>> current() {
        return sessions.current(request.presentedToken(), request.xsrfHeader());
    }

    /** Sets the cookies of a renewed token on the response. */
    public Response.ResponseBuilder renewing(Response.ResponseBuilder response, CurrentSession session) {
        return session.renewed() == null ? response : cookies.set(response, session.renewed());
    }
}
