package io.parley.votes.rest;


import static io.parley.votes.support.Events.newCommentId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentState;
import io.parley.session.testing.TestSessions;
import io.parley.votes.support.EventTest;
import io.parley.votes.support.Events;
import io.parley.votes.repository.ReplicaRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;

/** Remark42's vote rules with signed session tokens; comments, posts and blocks come from events. */
@QuarkusTest
class RemarkVoteTest extends EventTest {

    @Inject
    ReplicaRepository replicas;

    private static final String SITE = "remark";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static String user(String id) {
        return TestSessions.token(SITE, id, "User " + id, false);
    }

    static ValidatableResponse vote(String token, long id, String url, String vote) {
        return given().header("X-JWT", token).queryParam("site", SITE).queryParam("url", url)
                .queryParam("vote", vote).header("X-Client-IP", "198.51.100.7")
                .when().put("/api/v1/vote/" + id).then();
    }

    /** A published comment by {@code author}, known to the replica. */
    long comment(String url, String author) {
        long id = newCommentId();
        events.posted(SITE, url, Events.comment(id, CommentState.PUBLISHED, author, null, 1));
        await().atMost(PATIENCE).untilAsserted(() -> vote(user("keycloak_probe"), id, url, "1").statusCode(200));
        return id;
    }

    static String url() {
        return "https://blog.example.com/" + UUID.randomUUID();
    }

    @Test
    void upDownCancelAndTheSameDirectionTwice() {
        String url = url();
        long id = comment(url, "keycloak_author");
        String alice = user("keycloak_alice");
        // The probe voted +1 already.
        vote(alice, id, url, "1").statusCode(200).body("id", equalTo(Long.toString(id))).body("score", equalTo(2));
        vote(alice, id, url, "1").statusCode(400).body("code", equalTo(14))
                .body("details", equalTo("can't vote for comment"))
                .body("error", equalTo("user keycloak_alice already voted for " + id));
        // The opposite direction withdraws the up-vote; one more down is a new down-vote.
        vote(alice, id, url, "-1").statusCode(200).body("score", equalTo(1));
        vote(alice, id, url, "-1").statusCode(200).body("score", equalTo(0));
        vote(alice, id, url, "0").statusCode(400).body("code", equalTo(14));
        vote(alice, id, url, "1").statusCode(200).body("score", equalTo(1));
    }

    @Test
    void ownCommentUnknownCommentAndWrongPost() {
        String url = url();
        long id = comment(url, "keycloak_author");
        vote(user("keycloak_author"), id, url, "1").statusCode(400).body("code", equalTo(13))
                .body("error", equalTo("user keycloak_author can not vote for his own comment " + id));
        vote(user("keycloak_alice"), id, "https://blog.example.com/other", "1").statusCode(400)
                .body("code", equalTo(12));
        vote(user("keycloak_alice"), newCommentId(), url, "1").statusCode(400).body("code", equalTo(12));
        given().header("X-JWT", user("keycloak_alice")).queryParam("site", SITE).queryParam("url", url)
                .queryParam("vote", "1").when().put("/api/v1/vote/not-a-number").then().statusCode(400)
                .body("code", equalTo(12));
    }

    @Test
    void sessionsAreRequired() {
        String url = url();
        long id = comment(url, "keycloak_author");
        given().queryParam("site", SITE).queryParam("url", url).queryParam("vote", "1")
                .when().put("/api/v1/vote/" + id).then().statusCode(401);
        given().header("X-JWT", TestSessions.token("other", "keycloak_alice", "Alice", false))
                .queryParam("site", SITE).queryParam("url", url).queryParam("vote", "1")
                .when().put("/api/v1/vote/" + id).then().statusCode(403);
        // Anonymous users may not vote unless anon_vote is on.
        vote(TestSessions.builder().site(SITE).user("anonymous_0123", "Anon").provider("anonymous").sign(), id, url, "1")
                .statusCode(403).body(containsString("Access denied"));
    }

    @Test
    void readOnlyPostsAndBlockedUsers() {
        String url = url();
        long id = comment(url, "keycloak_author");
        events.blocked(SITE, "keycloak_bob", 1);
        // Wait for the replicas without voting (a vote before the event arrives would count).
        await().atMost(PATIENCE).until(() -> replicas.blocked(SITE, "keycloak_bob", Instant.now())
                .await().atMost(PATIENCE));
        vote(user("keycloak_bob"), id, url, "1").statusCode(403).body("code", equalTo(7))
                .body("details", equalTo("user blocked")).body("error", equalTo("rejected"));
        events.postUpdated(SITE, url, true, 1);
        await().atMost(PATIENCE).until(() -> replicas.readOnly(SITE, url).await().atMost(PATIENCE));
        vote(user("keycloak_carol"), id, url, "1").statusCode(403).body("code", equalTo(8))
                .body("details", equalTo("old post, read-only"));
        events.postUpdated(SITE, url, false, 2);
        await().atMost(PATIENCE).until(() -> !replicas.readOnly(SITE, url).await().atMost(PATIENCE));
        vote(user("keycloak_carol"), id, url, "1").statusCode(200).body("score", equalTo(2));
        // A stale redelivery of the older read-only state changes nothing.
        events.postUpdated(SITE, url, true, 1);
        vote(user("keycloak_dave"), id, url, "1").statusCode(200).body("score", equalTo(3));
    }
}
