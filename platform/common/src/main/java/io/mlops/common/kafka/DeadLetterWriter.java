package io.mlops.common.kafka;

import io.mlops.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends records that can never be processed to a dead-letter topic ({@code *.dlq.v1}): the
 * original key, bytes and headers, plus {@code error}, {@code source-topic}, {@code source-offset}
 * and {@code source-partition}, so an operator can fix and replay them byte for byte. The caller
 * waits for the acknowledgement before it commits past the record, and counts it in its own
 * metrics.
 */
@ApplicationScoped
public class DeadLetterWriter {

    public static final String HEADER_SOURCE_PARTITION = "source-partition";
    /** The {@code error} header is for people; a longer text (a whole list of row errors) is cut. */
    public static final int MAX_ERROR_LENGTH = 4_000;
    /**
     * Largest value a dead letter carries. A source record can be larger (a compressed batch the
     * broker took whole); sent as it is, the broker would refuse it for ever and the consumer,
     * which waits for the dead letter before committing, would never move past it. A longer value
     * is cut here and {@code truncated-from-bytes} says so; the whole one stays at
     * {@code source-topic}/{@code source-partition}/{@code source-offset} for as long as that
     * topic keeps it.
     */
    public static final int MAX_VALUE_BYTES = 900_000;
    static final String NO_ERROR = "unreadable record";

    private final LazyProducer<byte[], byte[]> producer;

    public DeadLetterWriter(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            @ConfigProperty(name = "mlops.service.name") String serviceName) {
        this.producer = new LazyProducer<>(bootstrapServers, serviceName + "-dlq", Map.of(),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends {@code source} to {@code topic} with {@code error} (cut to {@link #MAX_ERROR_LENGTH}) as the reason. */
    public Future<RecordMetadata> send(String topic, ConsumerRecord<byte[], byte[]> source, String error) {
        return producer.get().send(record(topic, source, error));
    }

    static ProducerRecord<byte[], byte[]> record(String topic, ConsumerRecord<byte[], byte[]> source, String error) {
        byte[] value = source.value();
        boolean truncated = value != null && value.length > MAX_VALUE_BYTES;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, source.key(),
                truncated ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value);
        for (Header h : source.headers()) {
            record.headers().add(h);
        }
        if (truncated) {
            record.headers().add(Topics.DLQ_HEADER_TRUNCATED_FROM, utf8(Integer.toString(value.length)));
        }
        String message = error == null ? NO_ERROR : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH - 3) + "...";
        }
        record.headers().add(Topics.DLQ_HEADER_ERROR, utf8(message));
        record.headers().add(Topics.DLQ_HEADER_SOURCE_TOPIC, utf8(source.topic()));
        record.headers().add(Topics.DLQ_HEADER_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        record.headers().add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
