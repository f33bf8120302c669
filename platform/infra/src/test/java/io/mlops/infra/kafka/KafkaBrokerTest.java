package io.mlops.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    private static final String TOPIC = "infra-test.roundtrip";
    private static final int RECORDS = 10_000;

    @TempDir
    Path dataDir;

    @Test
    void keepsEveryRecordExactlyOnceAcrossARestartOnTheSameDataDir() throws Exception {
        KafkaBrokerConfig config = new KafkaBrokerConfig(KafkaLibDir.locate(), dataDir, 0, null, "256m", true,
                KafkaBrokerConfig.FAST_START_OPTIONS);
        long started = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start(config)) {
            report("first start (format + launch + topics)", started);
            assertTrue(broker.isRunning());
            assertEquals("127.0.0.1:" + broker.port(), broker.bootstrapServers());
            assertPlatformTopics(broker.bootstrapServers());
            try (Admin admin = admin(broker.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
            produce(broker.bootstrapServers());
            assertExactlyOnce(consumeAll(broker.bootstrapServers(), "first-read"));

            long stopping = System.nanoTime();
            broker.stop();
            report("stop", stopping);
            assertFalse(broker.isRunning());
        }

        started = System.nanoTime();
        try (KafkaBroker again = KafkaBroker.start(config)) {
            report("restart on the same data dir", started);
            assertExactlyOnce(readFromTheBeginning(again.bootstrapServers()));
            assertPlatformTopics(again.bootstrapServers());
        }
    }

    private static void assertPlatformTopics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.all()).allTopicNames().get(10, TimeUnit.SECONDS);
            assertEquals(Set.copyOf(Topics.all()), topics.keySet());
            topics.forEach((name, description) -> assertEquals(3, description.partitions().size(), name));
        }
    }

    private static void produce(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            long started = System.nanoTime();
            Future<RecordMetadata> last = null;
            for (int i = 0; i < RECORDS; i++) {
                last = producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % 97), Integer.toString(i)));
            }
            producer.flush();
            last.get(10, TimeUnit.SECONDS);
            report("produce " + RECORDS + " records (acks=all, idempotent)", started);
        }
    }

    private static Map<Integer, Integer> consumeAll(String bootstrap, String group) {
        Properties props = consumerProps(bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            return drain(consumer, "group " + group);
        }
    }

    /** Without a group: the partitions by hand, from offset 0. */
    private static Map<Integer, Integer> readFromTheBeginning(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(bootstrap), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            assertEquals(3, partitions.size());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return drain(consumer, "assigned partitions");
        }
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return props;
    }

    private static Map<Integer, Integer> drain(KafkaConsumer<String, String> consumer, String how) {
        Map<Integer, Integer> seen = new HashMap<>();
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(30).toNanos();
        int total = 0;
        while (total < RECORDS && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                seen.merge(Integer.parseInt(record.value()), 1, Integer::sum);
                total++;
            }
        }
        // one more poll: a duplicate would arrive now
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
            seen.merge(Integer.parseInt(record.value()), 1, Integer::sum);
        }
        report("consume " + seen.size() + " records (" + how + ")", started);
        return seen;
    }

    private static void assertExactlyOnce(Map<Integer, Integer> seen) {
        assertEquals(RECORDS, seen.size(), "distinct sequence numbers");
        for (int i = 0; i < RECORDS; i++) {
            assertEquals(1, seen.getOrDefault(i, 0), "copies of record " + i);
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static void report(String what, long startNanos) {
        System.out.printf("%s: %d ms%n", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }
}
