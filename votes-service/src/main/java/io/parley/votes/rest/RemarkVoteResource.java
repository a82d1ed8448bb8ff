package io.parley.votes.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.parley.session.SessionVerifier;
import io.parley.votes.service.RemarkVoteService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Remark42's {@code PUT /api/v1/vote/{id}?site=&url=&vote=1}: any {@code vote} other than 1 is a down-vote. */
@Path("/api/v1/vote/{id}")
public class RemarkVoteResource {

    @Inject
    SessionVerifier sessions;

    @Inject
    RemarkVoteService votes;

    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RemarkVoteService.Result> vote(@PathParam("id") String id, @QueryParam("site") String site,
                                              @QueryParam("url") String url, @QueryParam("vote") String vote,
                                              @HeaderParam(ClientAddress.HEADER) String clientIp,
                                              @Context HttpHeaders headers, @Context UriInfo uri,
                                              HttpServerRequest http) {
        String address = ClientAddress.of(clientIp, http);
        return sessions.require(headers, uri, site)
                .flatMap(user -> votes.vote(user, site, url == null ? "" : url, id, "1".equals(vote), address));
    }
}
