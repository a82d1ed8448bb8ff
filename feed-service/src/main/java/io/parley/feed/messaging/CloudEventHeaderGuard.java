package io.parley.feed.messaging;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.reactive.messaging.kafka.impl.ce.KafkaCloudEventHelper;
import io.smallrye.reactive.messaging.kafka.impl.ce.KafkaCloudEventHelper.CloudEventMode;

/**
 * Kafka consumer interceptor that keeps one bad record from stopping the channel: the connector parses
 * binary CloudEvent headers while building its message and a record that claims to be a CloudEvent but has
 * broken headers (no {@code ce_source}, bad time...) would fail the whole stream. Such records lose their
 * {@code ce_specversion} (and {@code content-type}) header here, so they arrive as plain records and the consumer dead-letters them.
 */
@RegisterForReflection
public class CloudEventHeaderGuard implements ConsumerInterceptor<Object, Object> {

    private static final Logger LOG = Logger.getLogger(CloudEventHeaderGuard.class);
    private static final String SPEC_VERSION = "ce_specversion";
    private static final String CONTENT_TYPE = "content-type";

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        for (ConsumerRecord<Object, Object> record : records) {
            CloudEventMode mode = KafkaCloudEventHelper.getCloudEventMode(record.headers());
            if (mode == CloudEventMode.NOT_A_CLOUD_EVENT) {
                continue;
            }
            try {
                // The same parsing the connector does next, so what passes here cannot fail there.
                if (mode == CloudEventMode.BINARY) {
                    KafkaCloudEventHelper.createFromBinaryCloudEvent(record);
                } else {
                    KafkaCloudEventHelper.createFromStructuredCloudEvent(record);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Record %s-%d@%d has an invalid CloudEvent envelope (%s)", record.topic(),
                        record.partition(), record.offset(), e.getClass().getSimpleName());
                record.headers().remove(SPEC_VERSION);
                record.headers().remove(CONTENT_TYPE);
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
