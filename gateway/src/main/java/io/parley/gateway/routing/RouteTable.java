package io.parley.gateway.routing;

import static io.parley.gateway.routing.UpstreamService.AUTH;
import static io.parley.gateway.routing.UpstreamService.COMMENTS;
import static io.parley.gateway.routing.UpstreamService.FEED;
import static io.parley.gateway.routing.UpstreamService.NOTIFY;
import static io.parley.gateway.routing.UpstreamService.VOTES;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which service owns which public path, for all three dialects (Isso at the root, Remark42 under
 * {@code /api/v1} and {@code /auth}, Disqus under {@code /api/3.0}). Rules are tried in order and the
 * first match wins, so specific rules (Isso like/dislike, unsubscribe) come before their subtree.
 */
public final class RouteTable {

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public Optional<Route> match(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return routes;
    }

    public static RouteTable defaults() {
        Builder b = new Builder();
        // Isso (design §1, isso.md §2)
        b.any(VOTES, "/id/{id}/like", "/id/{id}/dislike");
        b.any(NOTIFY, "/id/{id}/unsubscribe/**");
        b.any(COMMENTS, "/", "/new", "/id/**", "/preview", "/config", "/info", "/admin/**", "/login/**");
        b.any(FEED, "/count", "/feed", "/latest");

        // Remark42 (remark42.md §1.1 and the removed stream API of §5, which feed-service brings back)
        b.longRunning(COMMENTS, "/api/v1/admin/wait", "/api/v1/admin/export", "/api/v1/admin/import/**",
                "/api/v1/admin/remap", "/api/v1/userdata");
        // Users are auth-service's (design §2): blocking, verification, user info, deletion requests.
        b.any(AUTH, "/api/v1/admin/user/**", "/api/v1/admin/verify/**", "/api/v1/admin/blocked",
                "/api/v1/admin/deleteme");
        b.any(COMMENTS, "/api/v1/comment/**", "/api/v1/find", "/api/v1/id/**", "/api/v1/comments",
                "/api/v1/config", "/api/v1/preview", "/api/v1/admin/**", "/api/v1/picture/**", "/api/v1/img");
        b.any(FEED, "/api/v1/count", "/api/v1/counts", "/api/v1/list", "/api/v1/info", "/api/v1/last/**",
                "/api/v1/rss/**", "/api/v1/stream/**");
        b.any(VOTES, "/api/v1/vote/**");
        b.any(AUTH, "/auth/**", "/api/v1/user", "/api/v1/deleteme", "/api/v1/avatar/**", "/avatar/**");
        b.any(NOTIFY, "/api/v1/email/**", "/api/v1/telegram/**", "/api/v1/qr/telegram", "/email/unsubscribe.html");

        // Disqus 3.0 (disqus.md A.1): votes belong to votes-service, every other resource to comments-service
        b.any(VOTES, "/api/3.0/posts/vote.json", "/api/3.0/posts/vote.jsonp",
                "/api/3.0/threads/vote.json", "/api/3.0/threads/vote.jsonp");
        b.any(COMMENTS, "/api/3.0/**");
        return b.build();
    }

    /** Small builder so the table above reads as a table. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        public Builder any(UpstreamService service, String... templates) {
            for (String template : templates) {
                routes.add(new Route(PathPattern.of(template), service, false));
            }
            return this;
        }

        public Builder longRunning(UpstreamService service, String... templates) {
            for (String template : templates) {
                routes.add(new Route(PathPattern.of(template), service, true));
            }
            return this;
        }

        public RouteTable build() {
            return new RouteTable(routes);
        }
    }
}
