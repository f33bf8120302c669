package io.mlops.monitor.support;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
import io.mlops.events.registry.ModelVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Real CloudEvents to and from the test broker. */
public final class Kafka implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    public Kafka() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public void prediction(Prediction p) {
        send(Topics.INFERENCE_PREDICTIONS, p.model(),
                EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.PREDICTION, p.model(), "test", p)));
    }

    public void feedback(Feedback f) {
        send(Topics.INFERENCE_FEEDBACK, f.predictionId(),
                EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.FEEDBACK, null, "test", f)));
    }

    public void versionCreated(ModelVersion v) {
        send(Topics.REGISTRY_EVENTS, v.name(), EventJson.toBytes(
                CloudEvent.of(Sources.MODEL_REGISTRY, EventType.MODEL_VERSION_CREATED, v.name(), "test", v)));
    }

    /** Sends bytes as they are without waiting; {@link #flush()} waits for all of them. */
    public void raw(String topic, String key, byte[] value, boolean wait) {
        if (wait) {
            raw(topic, key, value);
        } else {
            send(topic, key, value);
        }
    }

    /** Sends bytes as they are and returns the offset they got. */
    public long raw(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until everything sent so far is acknowledged. */
    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        sent.clear();
    }

    private void send(String topic, String key, byte[] value) {
        sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Every record of a topic so far that matches, read from the beginning of all partitions. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }
}
