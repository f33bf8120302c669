package io.mlops.bench.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes benchmark records to a platform topic and remembers which offsets they took, so a raw
 * consumer can later read exactly the same records as the service did.
 */
public final class TopicWriter implements AutoCloseable {

    private final String bootstrap;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void flush() {
        producer.flush();
    }

    /** Current end offset of every partition of the topic. */
    public Map<Integer, Long> endOffsets() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "mlops-bench-offsets-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<Integer, Long> ends = new HashMap<>();
            c.endOffsets(partitions).forEach((tp, offset) -> ends.put(tp.partition(), offset));
            return ends;
        }
    }

    /** {@code [before, after)} per partition that received records in between. */
    public static Map<Integer, long[]> ranges(Map<Integer, Long> before, Map<Integer, Long> after) {
        Map<Integer, long[]> ranges = new HashMap<>();
        after.forEach((partition, end) -> {
            long start = before.getOrDefault(partition, 0L);
            if (end > start) {
                ranges.put(partition, new long[] {start, end});
            }
        });
        return ranges;
    }

    @Override
    public void close() {
        producer.close();
    }
}
