package io.parley.notify.messaging;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.reactive.messaging.kafka.impl.ce.KafkaCloudEventHelper;

/**
 * Strips the CloudEvent markers from records whose envelope the connector could not parse: such a record would
 * otherwise fail the channel; stripped, it reaches {@link CommentEventConsumer} as a plain record and goes to the
 * dead-letter topic.
 */
@RegisterForReflection
public class BrokenCloudEventFilter implements ConsumerInterceptor<Object, Object> {

    private static final Logger LOG = Logger.getLogger(BrokenCloudEventFilter.class);

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        records.forEach(BrokenCloudEventFilter::checkEnvelope);
        return records;
    }

    private static void checkEnvelope(ConsumerRecord<Object, Object> record) {
        try {
            switch (KafkaCloudEventHelper.getCloudEventMode(record.headers())) {
                case BINARY -> KafkaCloudEventHelper.createFromBinaryCloudEvent(record);
                case STRUCTURED -> KafkaCloudEventHelper.createFromStructuredCloudEvent(record);
                default -> {
                    return;
                }
            }
        } catch (RuntimeException broken) {
            LOG.warnf("Broken CloudEvent envelope at %s-%d@%d (%s); passed on as a plain record", record.topic(),
                    record.partition(), record.offset(), broken.getClass().getSimpleName());
            record.headers().remove("ce_specversion");
            record.headers().remove("content-type");
        }
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // nothing to do
    }

    @Override
    public void close() {
        // nothing to close
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // no settings
    }
}
