package io.mlops.bench.floor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The floor under every consumer on the platform: kafka-clients reading the very records a
 * service was timed on (same topic, same offsets), doing nothing with them but counting.
 */
public final class RawKafkaConsume {

    private RawKafkaConsume() {
    }

    /** Records per second reading {@code [from, to)} of each partition. */
    public static double recordsPerSecond(String bootstrap, String topic, Map<Integer, long[]> ranges) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "mlops-bench-floor-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 << 20));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = ranges.keySet().stream()
                    .map(partition -> new TopicPartition(topic, partition)).toList();
            consumer.assign(partitions);
            long expected = 0;
            for (TopicPartition tp : partitions) {
                long[] range = ranges.get(tp.partition());
                consumer.seek(tp, range[0]);
                expected += range[1] - range[0];
            }
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (var record : records) {
                    long[] range = ranges.get(record.partition());
                    if (record.offset() < range[1]) {
                        read++;
                    }
                }
            }
            if (read < expected) {
                throw new IllegalStateException("read " + read + " of " + expected + " records");
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }
}
