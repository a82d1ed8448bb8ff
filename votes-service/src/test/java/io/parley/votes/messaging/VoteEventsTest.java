package io.parley.votes.messaging;

import static io.parley.votes.support.Events.comment;
import static io.parley.votes.support.Events.newCommentId;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.Topics;
import io.parley.events.comments.CommentState;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteEventTypes;
import io.parley.session.testing.TestSessions;
import io.parley.votes.repository.TotalsRepository;
import io.parley.votes.repository.VoteRepository;
import io.parley.votes.service.StoredVote;
import io.parley.votes.service.StoredVote.PendingChange;
import io.parley.votes.service.Totals;
import io.parley.votes.service.VoteReconciler;
import io.parley.votes.support.EventTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * vote.cast from the totals outbox, races of one voter, abandoned changes, and the invariant behind it all: the
 * totals equal the stored votes, and replaying the published events gives the same totals.
 */
@QuarkusTest
class VoteEventsTest extends EventTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SITE = "remark";
    private static final String URL = "/events/post";

    @Inject
    ObjectMapper mapper;

    @Inject
    VoteRepository votes;

    @Inject
    TotalsRepository totals;

    @Inject
    VoteReconciler reconciler;

    private KafkaConsumer<String, byte[]> consumer;
    private final Map<Long, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
    private final Map<Long, VoteCast> replayed = new HashMap<>();

    @BeforeAll
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "votes-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.VOTE_EVENTS));
    }

    @AfterAll
    void unsubscribe() {
        consumer.close();
    }

    /** Reads what has been published so far, applying each event by version (keep the highest), as consumers do. */
    private void poll() throws Exception {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            VoteCast event = mapper.readValue(record.value(), VoteCast.class);
            replayed.merge(event.commentId(), event, (old, now) -> now.version() > old.version() ? now : old);
            latest.put(event.commentId(), record);
        }
    }

    private long publishedComment(String authorNetwork) {
        long id = newCommentId();
        events.posted(SITE, URL, comment(id, CommentState.PUBLISHED, "keycloak_author", authorNetwork, 1));
        return id;
    }

    private static int like(long id, String ip) {
        return given().header("X-Client-IP", ip).contentType("application/json").when()
                .post("/id/" + id + "/like").then().statusCode(200).extract().jsonPath().getInt("likes");
    }

    private Totals stored(long id) {
        return totals.get(id).await().atMost(PATIENCE);
    }

    /** The totals recounted from the vote documents. */
    private long[] recount(long id) {
        long likes = 0;
        long dislikes = 0;
        for (StoredVote vote : votes.ofComment(id).await().atMost(PATIENCE)) {
            likes += vote.value() == 1 ? 1 : 0;
            dislikes += vote.value() == -1 ? 1 : 0;
        }
        return new long[] {likes, dislikes};
    }

    private void assertReplayMatches(long id) throws Exception {
        Totals expected = stored(id);
        long[] counted = recount(id);
        assertEquals(expected.likes(), counted[0], "likes drifted from the stored votes");
        assertEquals(expected.dislikes(), counted[1], "dislikes drifted from the stored votes");
        await().atMost(PATIENCE).untilAsserted(() -> {
            poll();
            VoteCast event = replayed.get(id);
            assertNotNull(event);
            assertEquals(expected.version(), event.version());
            assertEquals(expected.likes(), event.totals().likes());
            assertEquals(expected.dislikes(), event.totals().dislikes());
            assertEquals(expected.score(), event.totals().score());
        });
    }

    @Test
    void aVoteIsPublishedWithItsTotals() throws Exception {
        long id = publishedComment("192.0.2.0");
        await().atMost(PATIENCE).until(() -> like(id, "198.51.100.1") == 1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            poll();
            VoteCast event = replayed.get(id);
            assertNotNull(event);
            assertEquals(1, event.version());
            assertEquals(SITE, event.site());
            assertEquals(URL, event.postUrl());
            assertEquals(1, event.totals().likes());
            assertEquals(0.0, event.totals().controversy());
        });
        ConsumerRecord<String, byte[]> record = latest.get(id);
        assertEquals(Long.toString(id), record.key());
        assertEquals(VoteEventTypes.CAST, new String(record.headers().lastHeader("ce_type").value(), UTF_8));
        assertEquals(VoteEventTypes.SOURCE, new String(record.headers().lastHeader("ce_source").value(), UTF_8));
        assertEquals(id + "-1", new String(record.headers().lastHeader("ce_id").value(), UTF_8));
        assertEquals(1, stored(id).publishedVersion());
    }

    @Test
    void racingVotesCountOnceAndTotalsNeverDrift() throws Exception {
        long isso = publishedComment("192.0.2.0");
        long remark = publishedComment("192.0.2.0");
        like(isso, "203.0.113.1"); // waits for the replica
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            // One network, twenty simultaneous likes: one counts.
            for (int i = 0; i < 20; i++) {
                int host = i + 1;
                calls.add(CompletableFuture.supplyAsync(() -> like(isso, "198.51.100." + host), pool));
            }
            // Twenty networks at once: all count.
            for (int i = 0; i < 20; i++) {
                int net = i;
                calls.add(CompletableFuture.supplyAsync(() -> like(isso, "10." + net + ".0.1"), pool));
            }
            // One Remark42 user flipping up and down concurrently, others voting once each.
            String flipper = TestSessions.token(SITE, "keycloak_flipper", "Flip", false);
            for (int i = 0; i < 20; i++) {
                String direction = i % 2 == 0 ? "1" : "-1";
                String voter = TestSessions.token(SITE, "keycloak_voter" + i, "V", false);
                calls.add(CompletableFuture.supplyAsync(() -> remarkVote(flipper, remark, direction), pool));
                calls.add(CompletableFuture.supplyAsync(() -> remarkVote(voter, remark, direction), pool));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        Totals issoTotals = stored(isso);
        assertEquals(1 + 1 + 20, issoTotals.likes(), "one like per network");
        Totals remarkTotals = stored(remark);
        long[] counted = recount(remark);
        assertEquals(remarkTotals.likes(), counted[0]);
        assertEquals(remarkTotals.dislikes(), counted[1]);
        // 10 up and 10 down from the single voters, the flipper's net vote is -1, 0 or +1.
        long flip = remarkTotals.score();
        assertEquals(true, flip >= -1 && flip <= 1, "score " + flip);
        assertReplayMatches(isso);
        assertReplayMatches(remark);
    }

    private static int remarkVote(String token, long id, String direction) {
        return given().header("X-JWT", token).queryParam("site", SITE).queryParam("url", URL)
                .queryParam("vote", direction).when().put("/api/v1/vote/" + id).then().extract().statusCode();
    }

    @Test
    void abandonedChangesAreCompletedExactlyOnce() throws Exception {
        long id = publishedComment("192.0.2.0");
        await().atMost(PATIENCE).until(() -> like(id, "198.51.100.1") == 1);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(1));
        // Crashed after claiming: not applied yet.
        PendingChange claimedOnly = new PendingChange(UUID.randomUUID().toString(), 1, longAgo);
        votes.claimFirst(id, "net:10.9.8.0", claimedOnly).await().atMost(PATIENCE);
        // Crashed after applying: the totals count it, the vote document does not show it yet.
        PendingChange appliedOnly = new PendingChange(UUID.randomUUID().toString(), -1, longAgo);
        votes.claimFirst(id, "net:10.9.9.0", appliedOnly).await().atMost(PATIENCE);
        totals.apply(SITE, URL, id, appliedOnly.op(), 0, 1, Instant.now()).await().atMost(PATIENCE);

        reconciler.reconcile().await().atMost(PATIENCE);
        reconciler.reconcile().await().atMost(PATIENCE);

        Totals after = stored(id);
        assertEquals(2, after.likes());
        assertEquals(1, after.dislikes());
        for (StoredVote vote : votes.ofComment(id).await().atMost(PATIENCE)) {
            assertEquals(null, vote.pending(), "every change finished");
        }
        // The voter of a finished change is now a known voter.
        given().header("X-Client-IP", "10.9.8.77").contentType("application/json").when()
                .post("/id/" + id + "/like").then().statusCode(200);
        assertEquals(2, stored(id).likes());
        assertReplayMatches(id);
        assertEquals(Set.of(), Set.copyOf(votes.stalePending(Instant.now(), 10).await().atMost(PATIENCE)));
    }
}
