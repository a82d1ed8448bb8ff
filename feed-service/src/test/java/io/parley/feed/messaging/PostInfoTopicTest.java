package io.parley.feed.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.parley.events.Topics;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.events.feed.FeedEventTypes;
import io.parley.events.feed.PostInfoChanged;
import io.parley.feed.support.CommentEventSender;
import io.parley.feed.support.EventSendingTest;
import io.quarkus.test.junit.QuarkusTest;

/** A comment changes its post's info: feed-service publishes it on the compacted post-info topic, per contract. */
@QuarkusTest
class PostInfoTopicTest extends EventSendingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void postInfoIsPublishedAsACloudEventOnACompactedTopic() throws Exception {
        String site = "topic-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        long id = ThreadLocalRandom.current().nextLong(1_000L, 1_000_000L);
        sender.send(CommentEventTypes.POSTED,
                new CommentPosted(site, url, CommentEventSender.comment(id, CommentState.PUBLISHED, 1)));

        List<ConsumerRecord<String, byte[]>> found = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(Topics.POST_INFO, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (Topics.postKey(site, url).equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        ConsumerRecord<String, byte[]> record = found.get(0);
        assertEquals(FeedEventTypes.POST_INFO, header(record, "ce_type"));
        assertEquals(FeedEventTypes.SOURCE, header(record, "ce_source"));
        PostInfoChanged info = mapper.readValue(record.value(), PostInfoChanged.class);
        assertEquals(1, info.count());
        assertEquals(id, info.lastComment().id());
        assertEquals(1, info.version());
        String body = new String(record.value(), StandardCharsets.UTF_8);
        assertFalse(body.contains("ada@example.com") || body.contains("192.168.1.0"), body);

        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.POST_INFO);
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertTrue(policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT), policy);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
