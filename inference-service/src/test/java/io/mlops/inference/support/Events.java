package io.mlops.inference.support;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.ModelDeleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Real CloudEvents on the real test broker: what the registry's outbox relay would publish, and what the service logs. */
public final class Events {

    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Publishes {@code alias.set} as the registry does, and waits for the broker's acknowledgement. */
    public static void aliasSet(String model, String alias, int version, Integer previous) {
        publish(Topics.REGISTRY_EVENTS, model, CloudEvent.of(Sources.MODEL_REGISTRY, EventType.ALIAS_SET, model, "tests",
                new AliasSet(model, alias, version, previous)));
    }

    public static void aliasDeleted(String model, String alias, Integer previous) {
        publish(Topics.REGISTRY_EVENTS, model, CloudEvent.of(Sources.MODEL_REGISTRY, EventType.ALIAS_DELETED, model,
                "tests", new AliasDeleted(model, alias, previous)));
    }

    public static void modelDeleted(String model) {
        publish(Topics.REGISTRY_EVENTS, model, CloudEvent.of(Sources.MODEL_REGISTRY, EventType.MODEL_DELETED, model,
                "tests", new ModelDeleted(model)));
    }

    public static synchronized void publish(String topic, String key, CloudEvent<?> event) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, EventJson.toBytes(event))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Reads a topic from the moment of the call: every event published afterwards. */
    public static Tail tail(String topic) {
        return new Tail(topic);
    }

    /** A reader of one topic from a fixed position. */
    public static final class Tail implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

        Tail(String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Events read so far plus those arriving until {@code done} holds or the timeout passes. */
        public List<CloudEvent<?>> until(Predicate<List<CloudEvent<?>>> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<CloudEvent<?>> events = events();
            while (!done.test(events) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                events = events();
            }
            return events;
        }

        /** Keeps reading for {@code quiet} and returns everything: for asserting nothing more arrived. */
        public List<CloudEvent<?>> settle(Duration quiet) {
            return until(e -> false, quiet);
        }

        public List<ConsumerRecord<String, byte[]>> records() {
            return records;
        }

        private List<CloudEvent<?>> events() {
            return records.stream().<CloudEvent<?>>map(r -> EventJson.fromBytes(r.value())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
