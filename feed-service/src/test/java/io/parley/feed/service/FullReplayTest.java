package io.parley.feed.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.Topics;
import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentModerated;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.events.comments.PostUpdated;
import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteTotals;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.repository.FreshStores;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A full replay of comment-events and vote-events (from offset 0, everything on the topics) into a fresh database,
 * through the same projectors, gives exactly the documents the live read models hold for a history of posts, edits,
 * deletes, moderation, post updates and votes with redeliveries and stale versions (apart from the write revision
 * and the publishing marker).
 */
@QuarkusTest
class FullReplayTest extends EventSendingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    @Inject
    ReactiveMongoClient client;

    @Inject
    FeedConfig config;

    @Inject
    ObjectMapper mapper;

    @Test
    void replayIntoAFreshDatabaseRebuildsIdenticalReadModels() throws Exception {
        String site = "replay-" + UUID.randomUUID();
        sendHistory(site);

        String fresh = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        FreshStores stores = FreshStores.on(client, config, fresh);
        PostInfoProjector posts = new PostInfoProjector();
        posts.repository = stores.posts();
        posts.config = stores.config();
        posts.publisher = () -> { };
        CommentProjector comments = new CommentProjector();
        comments.repository = stores.comments();
        VoteProjector votes = new VoteProjector();
        votes.repository = stores.votes();
        int replayed = replay(posts, comments, votes);
        assertTrue(replayed >= 12, "replayed " + replayed);

        for (String collection : List.of(config.store().postCollection(), config.store().commentCollection(),
                config.store().voteCollection())) {
            // Other test classes write the live store directly too, and reuse comment ids on other posts; this
            // test's own site holds only what came through Kafka, with ids of its own.
            List<Document> rebuilt = documents(fresh, collection).stream().filter(d -> site.equals(d.get("site")))
                    .toList();
            assertTrue(!rebuilt.isEmpty(), collection);
            // The live consumers may still be catching up: wait until every rebuilt document is there, equal.
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<Object, Document> live = new HashMap<>();
                documents(config.store().database(), collection).forEach(d -> live.put(d.get("_id"), d));
                for (Document document : rebuilt) {
                    assertEquals(comparable(document), comparable(live.get(document.get("_id"))),
                            collection + " " + document.get("_id"));
                }
            });
        }
        client.getDatabase(fresh).drop().await().atMost(PATIENCE);
    }

    /** Posts, edits, deletes, moderation, post updates and votes, with redeliveries and stale versions. */
    private void sendHistory(String site) {
        String a = "https://blog.example.com/a/";
        String b = "https://blog.example.com/b/";
        long id = ThreadLocalRandom.current().nextLong(1_000_000L, Long.MAX_VALUE / 4);
        CommentData one = data(id, CommentState.PUBLISHED, 1, "one");
        CommentData two = data(id + 1, CommentState.PENDING, 1, "two");
        CommentData three = data(id + 2, CommentState.PUBLISHED, 1, "three");
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, a, one));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, a, two));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, b, three));
        sender.send(CommentEventTypes.EDITED, new CommentEdited(site, a, data(id, CommentState.PUBLISHED, 2, "one!")));
        sender.send(CommentEventTypes.MODERATED, new CommentModerated(site, a, data(id + 1, CommentState.PUBLISHED, 2, "two")));
        sender.send(CommentEventTypes.DELETED, new CommentDeleted(site, b, data(id + 2, CommentState.DELETED, 2, "")));
        sender.send(CommentEventTypes.POSTED, new CommentPosted(site, b, three)); // stale redelivery
        sender.send(new PostUpdated(site, a, "Post A", true, 1));
        sender.send(new VoteCast(site, a, id, new VoteTotals(2, 0, 2, 0.0), 2, T0));
        sender.send(new VoteCast(site, a, id, new VoteTotals(1, 0, 1, 0.0), 1, T0));
        sender.send(new VoteCast(site, a, id + 1, new VoteTotals(1, 1, 0, 1.0), 2, T0));
        sender.send(new VoteCast(site, a, id + 1, new VoteTotals(1, 1, 0, 1.0), 2, T0)); // redelivery
    }

    private int replay(PostInfoProjector posts, CommentProjector comments, VoteProjector votes) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int applied = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.COMMENT_EVENTS, Topics.VOTE_EVENTS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (apply(record, posts, comments, votes)) {
                        applied++;
                    }
                }
            }
        }
        return applied;
    }

    /** Applies a record as the consumers do: valid events through the projectors, anything else skipped. */
    private boolean apply(ConsumerRecord<String, byte[]> record, PostInfoProjector posts, CommentProjector comments,
                          VoteProjector votes) {
        Header typeHeader = record.headers().lastHeader("ce_type");
        if (typeHeader == null || record.value() == null) {
            return false;
        }
        String type = new String(typeHeader.value(), StandardCharsets.UTF_8);
        try {
            if (record.topic().equals(Topics.VOTE_EVENTS)) {
                VoteCast vote = mapper.readValue(record.value(), VoteCast.class);
                if (!valid(vote.site(), vote.postUrl()) || vote.totals() == null || vote.version() < 1) {
                    return false;
                }
                votes.apply(vote).await().atMost(PATIENCE);
            } else if (CommentEventTypes.POST_UPDATED.equals(type)) {
                PostUpdated update = mapper.readValue(record.value(), PostUpdated.class);
                if (!valid(update.site(), update.postUrl()) || update.version() < 1) {
                    return false;
                }
                posts.apply(update).await().atMost(PATIENCE);
            } else {
                Class<? extends CommentEvent> bodyType = CommentEventTypes.bodyType(type);
                if (bodyType == null) {
                    return false;
                }
                CommentEvent event = mapper.readValue(record.value(), bodyType);
                if (!valid(event.site(), event.postUrl()) || event.comment() == null
                        || event.comment().state() == null || event.comment().version() < 1) {
                    return false;
                }
                comments.apply(event).chain(() -> posts.apply(event)).await().atMost(PATIENCE);
            }
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false; // a dead letter for the live consumers too
        }
    }

    private static boolean valid(String site, String url) {
        return site != null && !site.isBlank() && !site.contains("|") && url != null && !url.isBlank();
    }

    private List<Document> documents(String database, String collection) {
        return client.getDatabase(database).getCollection(collection).find().collect().asList()
                .await().atMost(PATIENCE);
    }

    /** Everything but the optimistic write revision and the publishing marker of the post-info relay. */
    private static Document comparable(Document document) {
        if (document == null) {
            return null;
        }
        Document copy = new Document(document);
        copy.remove("rev");
        copy.remove("infoPending");
        return copy;
    }

    private static CommentData data(long id, CommentState state, long version, String text) {
        return new CommentData(id, null, state, new CommentAuthor("Ada", null, "ada@example.com", null, "f00d",
                "192.168.1.0", false), text, "<p>" + text + "</p>", "A post", T0.plusSeconds(id % 1000), null, version);
    }
}
