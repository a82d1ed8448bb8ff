package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Representative paths of every dialect reach the owning service, with path and query intact. */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class RoutingTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = ' ', value = {
            // Isso
            "GET /?uri=%2Fpost comments-",
            "POST /new?uri=%2Fpost comments-",
            "GET /id/12 comments-",
            "PUT /id/12 comments-",
            "POST /id/12/activate/c2lnbmVk comments-",
            "POST /id/12/edit/a%2Fb%40c comments-",
            "POST /id/12/like votes-",
            "POST /id/12/dislike votes-",
            "POST /preview comments-",
            "GET /config comments-",
            "GET /info comments-",
            "POST /count feed-",
            "GET /feed?uri=%2Fpost feed-",
            "GET /latest?limit=3 feed-",
            // Remark42
            "GET /api/v1/find?site=remark&url=x comments-",
            "GET /api/v1/find?site=remark&url=https%3A%2F%2Fblog.example%2Fa%20b%3Fq%3D1 comments-",
            "POST /api/v1/comment?site=remark comments-",
            "PUT /api/v1/comment/abc?site=remark comments-",
            "GET /api/v1/id/abc?site=remark comments-",
            "GET /api/v1/comments?site=remark comments-",
            "GET /api/v1/config?site=remark comments-",
            "POST /api/v1/preview comments-",
            "DELETE /api/v1/admin/comment/abc?site=remark comments-",
            "GET /api/v1/count?site=remark&url=x feed-",
            "POST /api/v1/counts?site=remark feed-",
            "GET /api/v1/list?site=remark feed-",
            "GET /api/v1/info?site=remark&url=x feed-",
            "GET /api/v1/last/10?site=remark feed-",
            "GET /api/v1/rss/post?site=remark&url=x feed-",
            "PUT /api/v1/vote/abc?site=remark&vote=1 votes-",
            // Disqus
            "GET /api/3.0/threads/listPosts.json?forum=f comments-",
            "POST /api/3.0/posts/create.json comments-",
            "POST /api/3.0/posts/vote.json votes-",
    })
    void routesToOwningService(String method, String uri, String server) {
        given().body("{\"text\":\"hi\"}").contentType("application/json")
                .urlEncodingEnabled(false)
                .when().request(method, uri)
                .then().statusCode(200)
                .header("X-Upstream", startsWith(server))
                .body("uri", equalTo(uri))
                .body("method", equalTo(method))
                .body("body", equalTo("{\"text\":\"hi\"}"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = ' ', value = {
            "GET /auth/github/login 502 auth-service",
            "GET /api/v1/user?site=remark 502 auth-service",
            "GET /id/12/unsubscribe/a%40b.example/key 503 notify-service",
            "POST /api/v1/email/subscribe 503 notify-service",
    })
    void servicesWithoutLiveReplicas(String method, String uri, int status, String service) {
        given().urlEncodingEnabled(false).when().request(method, uri)
                .then().statusCode(status)
                .contentType("application/json")
                .body("service", equalTo(service))
                .body("error", equalTo(status == 502 ? "upstream unavailable" : "service not configured"));
    }

    @ParameterizedTest
    @CsvSource({ "/nope", "/api/v1/commentsX", "/api/v2/find", "/idx/1" })
    void unknownPathsAreNotFound(String path) {
        given().when().get(path)
                .then().statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("not found"));
    }

    @Test
    void dotSegmentsAreResolvedBeforeRoutingAndForwarding() {
        given().urlEncodingEnabled(false).when().post("/new/../id/7/like")
                .then().statusCode(200)
                .header("X-Upstream", startsWith("votes-"))
                .body("uri", equalTo("/id/7/like"));
    }

    @Test
    void largeBodiesStreamThroughIntact() {
        String body = "x".repeat(3 * 1024 * 1024);
        given().body(body).contentType("text/plain")
                .when().post("/api/v1/admin/import?site=remark&provider=disqus")
                .then().statusCode(200)
                .header("X-Upstream", startsWith("comments-"))
                .body("body.length()", equalTo(body.length()));
    }

    @Test
    void remark42PingIsAnsweredByTheGateway() {
        given().when().get("/api/v1/ping").then().statusCode(200).body(equalTo("pong"));
    }
}
