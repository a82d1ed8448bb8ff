package io.parley.votes.rest;

import static io.parley.votes.rest.RemarkVoteTest.url;
import static io.parley.votes.rest.RemarkVoteTest.user;
import static io.parley.votes.rest.RemarkVoteTest.vote;

import static io.parley.votes.support.Events.newCommentId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentState;
import io.parley.session.testing.TestSessions;
import io.parley.votes.support.EventTest;
import io.parley.votes.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The optional Remark42 rules: MAX_VOTES (15), POSITIVE_SCORE (16), VOTES_IP (12) and ANON_VOTE. */
@QuarkusTest
@TestProfile(RemarkVoteLimitsTest.Limits.class)
class RemarkVoteLimitsTest extends EventTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.remark.max-votes", "3", "parley.remark.positive-score", "true",
                    "parley.remark.votes-ip", "true", "parley.remark.anon-vote", "true");
        }
    }

    private long comment(String url) {
        long id = newCommentId();
        events.posted("remark", url, Events.comment(id, CommentState.PUBLISHED, "keycloak_author", null, 1));
        return id;
    }

    private static void voteFrom(String ip, String token, long id, String url, String vote, int status) {
        given().header("X-JWT", token).header("X-Client-IP", ip).queryParam("site", "remark")
                .queryParam("url", url).queryParam("vote", vote).when().put("/api/v1/vote/" + id)
                .then().statusCode(status);
    }

    @Test
    void positiveScoreAndMaxVotes() {
        String url = url();
        long id = comment(url);
        // Score 0: no down-vote.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> vote(user("keycloak_a"), id, url, "-1")
                .statusCode(400).body("code", equalTo(16))
                .body("error", equalTo("minimal score reached for comment " + id)));
        voteFrom("10.0.0.1", user("keycloak_a"), id, url, "1", 200);
        voteFrom("10.0.0.2", user("keycloak_b"), id, url, "1", 200);
        voteFrom("10.0.0.3", user("keycloak_c"), id, url, "1", 200);
        vote(user("keycloak_d"), id, url, "1").statusCode(400).body("code", equalTo(15))
                .body("error", equalTo("maximum number of votes exceeded for comment " + id));
        // Remark42 checks the maximum before the withdrawal: a voter at the limit cannot take a vote back either.
        given().header("X-JWT", user("keycloak_a")).header("X-Client-IP", "10.0.0.1").queryParam("site", "remark")
                .queryParam("url", url).queryParam("vote", "-1").when().put("/api/v1/vote/" + id)
                .then().statusCode(400).body("code", equalTo(15));
    }

    @Test
    void sameAddressSameDirectionAndAnonymousVoters() {
        String url = url();
        long id = comment(url);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                voteFrom("192.0.2.10", user("keycloak_e"), id, url, "1", 200));
        given().header("X-JWT", user("keycloak_f")).header("X-Client-IP", "192.0.2.10").queryParam("site", "remark")
                .queryParam("url", url).queryParam("vote", "1").when().put("/api/v1/vote/" + id)
                .then().statusCode(400).body("code", equalTo(12));
        // anon_vote on: anonymous users vote like everyone else.
        voteFrom("192.0.2.11", TestSessions.builder().site("remark").user("anonymous_77", "Anon")
                .provider("anonymous").sign(), id, url, "1", 200);
    }
}
