package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stack.LocalStack;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Votes through the gateway. Isso: votes-service learns the comments from comment events, applies Isso's rules
 * (one vote per client network, never from the author's own network), and its vote.cast events bring the totals
 * back to comments-service, whose listing shows them and sorts by them. Remark42: signed-in users (email-link
 * sessions from auth-service), one vote each, with Remark42's error codes, and the score in the comment JSON.
 */
class VotesIT extends GatewayTest {

    /** Visible within this bound after the vote answered (generous: a loaded 2-core machine; measured and printed). */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private Response vote(String visitor, long id, String direction) {
        return given().baseUri(gatewayUrl).contentType("application/json").header("X-Forwarded-For", visitor)
                .when().post("/id/" + id + "/" + direction);
    }

    private JsonPath listing(String uri, String sort) {
        return given().baseUri(gatewayUrl).queryParam("uri", uri).queryParam("sort", sort).when().get("/")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Polls the listing until the comment shows the totals; returns how long that took after the vote answered. */
    private Duration untilVisible(String uri, long id, int likes, int dislikes) {
        long answered = System.nanoTime();
        await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> {
            JsonPath json = listing(uri, "oldest");
            int index = json.getList("replies.id", Long.class).indexOf(id);
            return index >= 0 && json.getInt("replies[" + index + "].likes") == likes
                    && json.getInt("replies[" + index + "].dislikes") == dislikes;
        });
        return Duration.ofNanos(System.nanoTime() - answered);
    }

    @Test
    void issoRulesAndTotalsInTheListing() {
        String uri = Isso.freshUri("votes");
        String author = "10.77.1.5";
        Response posted = isso.postFrom(author, uri, java.util.Map.of("text", "Vote on me", "author", "Ann"));
        posted.then().statusCode(201);
        long id = posted.jsonPath().getLong("id");

        // Right after posting: the comment event may still be in flight; the vote waits for it.
        vote("10.77.2.1", id, "like").then().statusCode(200).body("likes", equalTo(1)).body("dislikes", equalTo(0))
                .body("$", not(hasKey("message")));
        Duration firstVisible = untilVisible(uri, id, 1, 0);
        // Same /24 network again, in either direction: refused with Isso's message.
        vote("10.77.2.200", id, "dislike").then().statusCode(200).body("likes", equalTo(1))
                .body("dislikes", equalTo(0)).body("message", equalTo(
                        "Downvote denied because a vote has already been registered for this remote address"));
        // The author's own network cannot vote.
        vote("10.77.1.99", id, "like").then().statusCode(200).body("likes", equalTo(1))
                .body("message", equalTo(
                        "Upvote denied because a vote has already been registered for this remote address"));
        vote("10.77.3.1", id, "dislike").then().statusCode(200).body("likes", equalTo(1)).body("dislikes", equalTo(1));
        Duration secondVisible = untilVisible(uri, id, 1, 1);
        System.out.printf("VotesIT: vote answered -> totals visible in GET /?uri= after %d ms and %d ms%n",
                firstVisible.toMillis(), secondVisible.toMillis());

        // Unknown comment: Isso's null. Cross-site form posts: CSRF.
        vote("10.77.4.1", 999_999_999L, "like").then().statusCode(200).body(equalTo("null"));
        given().baseUri(gatewayUrl).contentType("application/x-www-form-urlencoded").header("X-Forwarded-For",
                "10.77.4.2").when().post("/id/" + id + "/like").then().statusCode(403);
    }

    @Test
    void racingVotesCountOncePerNetworkAndSortTheListing() throws Exception {
        String uri = Isso.freshUri("votes-race");
        long low = isso.postComment(uri, "Fewer votes").jsonPath().getLong("id");
        long high = isso.postComment(uri, "More votes").jsonPath().getLong("id");
        vote("10.78.0.1", low, "like").then().statusCode(200).body("likes", equalTo(1));

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // One network, twelve simultaneous likes...
                String sameNetwork = "10.78.1." + (i + 1);
                // ...and twelve networks at once.
                String ownNetwork = "10.78." + (10 + i) + ".1";
                calls.add(CompletableFuture.supplyAsync(() -> vote(sameNetwork, high, "like").statusCode(), pool));
                calls.add(CompletableFuture.supplyAsync(() -> vote(ownNetwork, high, "like").statusCode(), pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdown();
        }
        untilVisible(uri, high, 13, 0);
        JsonPath byVotes = listing(uri, "upvotes");
        assertEquals(List.of(high, low), byVotes.getList("replies.id", Long.class));
        assertTrue(listing(uri, "oldest").getList("replies.id", Long.class).indexOf(low) == 0);
    }

    @Test
    void remark42VoteRulesWithRealSessions(LocalStack stack) {
        Logins logins = new Logins(stack);
        String url = Isso.freshUri("remark-votes");
        String tag = Long.toString(System.nanoTime(), 36);
        Logins.Session author = logins.email("Vote Author", "author-" + tag + "@example.com", "remark");
        Logins.Session voter = logins.email("Vote Voter", "voter-" + tag + "@example.com", "remark");
        Logins.Session guest = logins.anonymous("Guest Voter", "remark");
        String id = remark(author).contentType("application/json")
                .body(java.util.Map.of("text", "Vote on me", "locator", java.util.Map.of("site", "remark", "url", url)))
                .when().post("/api/v1/comment").then().statusCode(201).extract().jsonPath().getString("id");

        // The first vote may reach votes-service before the comment's event; it is then refused, not recorded.
        await().atMost(VISIBLE_WITHIN).until(() -> remarkVote(voter, id, url, "1").statusCode() == 200);
        remarkVote(voter, id, url, "1").then().statusCode(400).body("code", equalTo(14));
        remarkVote(author, id, url, "1").then().statusCode(400).body("code", equalTo(13));
        // The opposite direction withdraws the vote; one more down is a new down vote.
        remarkVote(voter, id, url, "-1").then().statusCode(200).body("id", equalTo(id)).body("score", equalTo(0));
        remarkVote(voter, id, url, "-1").then().statusCode(200).body("score", equalTo(-1));
        // Anonymous users may not vote (anon_vote off); no session is 401.
        remarkVote(guest, id, url, "1").then().statusCode(403);
        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).queryParam("site", "remark")
                .queryParam("url", url).queryParam("vote", "1").when().put("/api/v1/vote/" + id)
                .then().statusCode(401);

        // The new score reaches comments-service's Remark42 answers (`vote`, the reader's own vote, is not known
        // there yet: see docs/remark42.md).
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> remark(voter).queryParam("url", url).when()
                .get("/api/v1/id/" + id).then().statusCode(200).body("score", equalTo(-1)));
    }

    /** A request with the session in X-JWT, from a fresh address each time (Remark42 allows one write per 2 s). */
    private io.restassured.specification.RequestSpecification remark(Logins.Session session) {
        return session.byHeader(given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor())
                .queryParam("site", "remark"));
    }

    private Response remarkVote(Logins.Session session, String id, String url, String direction) {
        return remark(session).queryParam("url", url).queryParam("vote", direction).when().put("/api/v1/vote/" + id);
    }
}
