package io.mlops.common.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterWriterTest {

    @Test
    void keepsKeyBytesAndHeadersAndNamesTheSource() {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("mlops.some.v1", 2, 41L, bytes("k"), bytes("{bad"));
        source.headers().add("traceparent", bytes("00-abc-def-01"));

        ProducerRecord<byte[], byte[]> dead = DeadLetterWriter.record("mlops.some.dlq.v1", source, "not JSON");

        assertEquals("mlops.some.dlq.v1", dead.topic());
        assertArrayEquals(bytes("k"), dead.key());
        assertArrayEquals(bytes("{bad"), dead.value());
        assertEquals("00-abc-def-01", header(dead, "traceparent"));
        assertEquals("not JSON", header(dead, Topics.DLQ_HEADER_ERROR));
        assertEquals("mlops.some.v1", header(dead, Topics.DLQ_HEADER_SOURCE_TOPIC));
        assertEquals("41", header(dead, Topics.DLQ_HEADER_SOURCE_OFFSET));
        assertEquals("2", header(dead, DeadLetterWriter.HEADER_SOURCE_PARTITION));
    }

    @Test
    void cutsLongErrorsAndNamesMissingOnes() {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("t", 0, 0L, null, bytes("x"));

        String cut = header(DeadLetterWriter.record("t.dlq", source, "e".repeat(10_000)), Topics.DLQ_HEADER_ERROR);
        String missing = header(DeadLetterWriter.record("t.dlq", source, null), Topics.DLQ_HEADER_ERROR);

        assertEquals(DeadLetterWriter.MAX_ERROR_LENGTH, cut.length());
        assertEquals("...", cut.substring(cut.length() - 3));
        assertEquals(DeadLetterWriter.NO_ERROR, missing);
    }

    @Test
    void cutsAValueTheBrokerWouldRefuseAndSaysHowLongItWas() {
        byte[] big = new byte[3_000_000];
        java.util.Arrays.fill(big, (byte) 'x');
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("t", 0, 7L, null, big);

        ProducerRecord<byte[], byte[]> dead = DeadLetterWriter.record("t.dlq", source, "too large");

        assertEquals(DeadLetterWriter.MAX_VALUE_BYTES, dead.value().length);
        assertEquals("3000000", header(dead, Topics.DLQ_HEADER_TRUNCATED_FROM));
        assertEquals("7", header(dead, Topics.DLQ_HEADER_SOURCE_OFFSET));
        ProducerRecord<byte[], byte[]> small = DeadLetterWriter.record("t.dlq",
                new ConsumerRecord<>("t", 0, 8L, null, bytes("{}")), "bad");
        assertEquals(null, small.headers().lastHeader(Topics.DLQ_HEADER_TRUNCATED_FROM));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
