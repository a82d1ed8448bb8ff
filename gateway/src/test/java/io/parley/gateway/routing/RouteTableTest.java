package io.parley.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {

    private final RouteTable table = RouteTable.defaults();

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "/ COMMENTS /",
            "/new COMMENTS /new",
            "/id/5 COMMENTS /id/**",
            "/id/5/like VOTES /id/{id}/like",
            "/id/5/dislike VOTES /id/{id}/dislike",
            "/id/5/unsubscribe/a%40b/key NOTIFY /id/{id}/unsubscribe/**",
            "/id/5/delete/key COMMENTS /id/**",
            "/admin/ COMMENTS /admin/**",
            "/count FEED /count",
            "/api/v1/comment COMMENTS /api/v1/comment/**",
            "/api/v1/comment/abc COMMENTS /api/v1/comment/**",
            "/api/v1/comments COMMENTS /api/v1/comments",
            "/api/v1/admin/wait COMMENTS /api/v1/admin/wait",
            "/api/v1/admin/blocked AUTH /api/v1/admin/blocked",
            "/api/v1/admin/user/keycloak_1 AUTH /api/v1/admin/user/**",
            "/api/v1/admin/verify/keycloak_1 AUTH /api/v1/admin/verify/**",
            "/api/v1/admin/deleteme AUTH /api/v1/admin/deleteme",
            "/api/v1/admin/pin/42 COMMENTS /api/v1/admin/**",
            "/api/v1/stream/info FEED /api/v1/stream/**",
            "/api/v1/last/5 FEED /api/v1/last/**",
            "/api/v1/vote/abc VOTES /api/v1/vote/**",
            "/auth/github/login AUTH /auth/**",
            "/api/v1/user AUTH /api/v1/user",
            "/api/v1/email NOTIFY /api/v1/email/**",
            "/api/v1/email/confirm NOTIFY /api/v1/email/**",
            "/api/3.0/posts/vote.json VOTES /api/3.0/posts/vote.json",
            "/api/3.0/forums/listPosts.json COMMENTS /api/3.0/**",
    })
    void ownerAndTemplate(String path, UpstreamService service, String template) {
        Route route = table.match(path).orElseThrow();
        assertEquals(service, route.service());
        assertEquals(template, route.template());
    }

    @ParameterizedTest
    @CsvSource({ "/nope", "/api/v1/commentsX", "/idx/1", "/api/v2/find", "/api", "/newer" })
    void unmatched(String path) {
        assertFalse(table.match(path).isPresent(), path);
    }

    @Test
    void likeRuleIsExactTheRestOfIdBelongsToComments() {
        assertEquals(UpstreamService.COMMENTS, table.match("/id/5/like/extra").orElseThrow().service());
        assertEquals(UpstreamService.COMMENTS, table.match("/id").orElseThrow().service());
    }

    @Test
    void longRunningRoutesAreMarked() {
        assertTrue(table.match("/api/v1/admin/export").orElseThrow().longRunning());
        assertFalse(table.match("/api/v1/find").orElseThrow().longRunning());
    }

    @Test
    void patternRules() {
        PathPattern p = PathPattern.of("/id/{id}/like");
        assertTrue(p.matches("/id/1/like"));
        assertFalse(p.matches("/id//like"));
        assertFalse(p.matches("/id/1/like/"));
        assertTrue(PathPattern.of("/a/**").matches("/a"));
        assertTrue(PathPattern.of("/a/**").matches("/a/"));
        assertTrue(PathPattern.of("/a/**").matches("/a/b/c"));
        assertFalse(PathPattern.of("/a/**").matches("/ab"));
        assertTrue(PathPattern.of("/").matches("/"));
        assertFalse(PathPattern.of("/").matches("/x"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.of("/a/**/b"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.of("a"));
    }
}
