package io.mlops.events.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventType;
import io.mlops.events.InvalidEventException;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.inference.Feedback;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventSerdeTest {

    private static final CloudEvent<Feedback> EVENT = CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.FEEDBACK,
            "churn", "bob", new Feedback("p-1", "yes", Instant.parse("2025-03-14T10:00:00Z")))
            .withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    @Test
    void roundTripsThroughKafkaSerde() {
        byte[] bytes = serializer.serialize(Topics.INFERENCE_FEEDBACK, EVENT);

        CloudEvent<?> read = deserializer.deserialize(Topics.INFERENCE_FEEDBACK, bytes);

        assertEquals(EVENT, read);
        assertEquals("p-1", ((Feedback) read.data()).predictionId());
    }

    @Test
    void setsTheStructuredModeContentTypeHeaderOnce() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));

        serializer.serialize(Topics.INFERENCE_FEEDBACK, headers, EVENT);

        assertEquals(1, headers.toArray().length);
        assertArrayEquals("application/cloudevents+json".getBytes(StandardCharsets.UTF_8),
                headers.lastHeader("content-type").value());
    }

    @Test
    void tombstonesStayNull() {
        assertNull(serializer.serialize(Topics.INFERENCE_FEEDBACK, null));
        assertNull(deserializer.deserialize(Topics.INFERENCE_FEEDBACK, null));
    }

    @Test
    void malformedRecordIsAnInvalidEventWithAReason() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> deserializer.deserialize(
                Topics.INFERENCE_PREDICTIONS, "{\"specversion\":\"1.0\"".getBytes(StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
    }
}
