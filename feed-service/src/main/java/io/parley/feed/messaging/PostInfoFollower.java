package io.parley.feed.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.Topics;
import io.parley.events.feed.FeedEventTypes;
import io.parley.events.feed.PostInfoChanged;
import io.parley.feed.service.LivePostInfo;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Follows the compacted {@code post-info} topic into {@link LivePostInfo}: at start it reads the whole topic
 * from offset 0 (manual assignment, no consumer group, nothing committed), marks the live state caught up once
 * it reached the end offsets it saw at start, then keeps following. A plain consumer on its own thread, so
 * the replay never occupies an event loop or a worker. Creates the topic (compacted, one partition: the
 * offsets are the stream event ids) when it is missing.
 */
@ApplicationScoped
public class PostInfoFollower {

    private static final Logger LOG = Logger.getLogger(PostInfoFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String TYPE_HEADER = "ce_type";

    @Inject
    LivePostInfo live;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean stopped;
    private Thread thread;

    void start(@Observes StartupEvent started) {
        thread = new Thread(this::run, "post-info-follower");
        thread.setDaemon(true);
        // Kafka loads its configured classes through the context class loader: the application's.
        thread.setContextClassLoader(PostInfoFollower.class.getClassLoader());
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopped = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        while (!stopped) {
            try {
                ensureTopic();
                follow();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Broker away or topic missing: try again; the live state keeps what it has.
                LOG.warnf("Following %s failed, retrying: %s%s", Topics.POST_INFO, e.toString(),
                        e.getCause() == null ? "" : " (" + e.getCause() + ")");
                pause();
            }
        }
    }

    private void follow() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feed-service-post-info");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // Offset 0 may be compacted away: start from the earliest record still there.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Deliver a record as soon as it is there: stream latency matters more than fetch efficiency.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props)) {
            consumer = kafka;
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.POST_INFO, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.POST_INFO + " has no partitions yet");
            }
            kafka.assign(partitions);
            // Resume after what the live state holds (after a broker outage), else from the beginning.
            long next = live.lastOffset() + 1;
            partitions.forEach(partition -> kafka.seek(partition, next));
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            long started = System.nanoTime();
            long replayed = 0;
            while (!stopped) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    apply(record);
                    replayed++;
                }
                if (!live.isCaughtUp() && partitions.stream().allMatch(p -> kafka.position(p) >= end.get(p))) {
                    live.markCaughtUp();
                    LOG.infof("Replayed %d %s records (%d posts) in %d ms", replayed, Topics.POST_INFO,
                            live.postCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(TYPE_HEADER);
        if (record.value() == null || type == null || !FeedEventTypes.POST_INFO.equals(new String(type.value(), UTF_8))) {
            return; // a tombstone or a record of a type this version does not know
        }
        try {
            PostInfoChanged info = mapper.readValue(record.value(), PostInfoChanged.class);
            if (info.site() == null || info.postUrl() == null) {
                throw new IllegalArgumentException("missing site or postUrl");
            }
            live.apply(record.offset(), info);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("Skipping unreadable %s record at offset %d (%s)", Topics.POST_INFO, record.offset(),
                    e.getClass().getSimpleName());
        }
    }

    private void ensureTopic() {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            NewTopic topic = new NewTopic(Topics.POST_INFO, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
            LOG.infof("Created topic %s (compacted, one partition)", Topics.POST_INFO);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.POST_INFO, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating " + Topics.POST_INFO + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
