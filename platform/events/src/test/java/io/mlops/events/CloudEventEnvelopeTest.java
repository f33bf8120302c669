package io.mlops.events;

import static io.mlops.events.JsonTrees.bytes;
import static io.mlops.events.JsonTrees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.events.registry.AliasSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventEnvelopeTest {

    private static final AliasSet DATA = new AliasSet("churn", "champion", 3, 2);

    private static CloudEvent<AliasSet> event() {
        return new CloudEvent<>("1.0", "e-1", Sources.MODEL_REGISTRY, EventType.ALIAS_SET.type(), "churn",
                SampleEvents.T0, "application/json", "alice", null, DATA);
    }

    private static CloudEvent<AliasSet> without(String attribute) {
        return new CloudEvent<>(
                attribute.equals("specversion") ? null : "1.0",
                attribute.equals("id") ? null : "e-1",
                attribute.equals("source") ? null : Sources.MODEL_REGISTRY,
                attribute.equals("type") ? null : EventType.ALIAS_SET.type(),
                "churn",
                attribute.equals("time") ? null : SampleEvents.T0,
                "application/json", null, null, DATA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "specversion", "time"})
    void constructorRejectsMissingRequiredAttribute(String attribute) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> without(attribute));

        assertEquals(attribute, e.attribute());
        assertTrue(e.getMessage().contains("'" + attribute + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "specversion", "time"})
    void readingRejectsMissingRequiredAttribute(String attribute) {
        ObjectNode json = tree(event());
        json.remove(attribute);

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals(attribute, e.attribute());
        assertTrue(e.getMessage().contains(attribute), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type"})
    void blankRequiredAttributeIsMissing(String attribute) {
        ObjectNode json = tree(event());
        json.put(attribute, "  ");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals(attribute, e.attribute());
    }

    @Test
    void specversionMustBeOnePointZero() {
        ObjectNode json = tree(event());
        json.put("specversion", "0.3");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals("specversion", e.attribute());
        assertTrue(e.getMessage().contains("0.3") && e.getMessage().contains("1.0"), e.getMessage());
    }

    @Test
    void timeIsWrittenAsRfc3339Utc() {
        CloudEvent<AliasSet> event = CloudEvent.of(Sources.MODEL_REGISTRY, EventType.ALIAS_SET, "churn", "alice", DATA);

        String time = tree(event).get("time").asText();

        assertTrue(time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z"), time);
        assertEquals(event.time(), Instant.parse(time));
        assertEquals("2025-03-14T09:26:53.589Z", tree(event()).get("time").asText());
    }

    @Test
    void timeWithAnOffsetIsReadAsTheSameInstant() {
        ObjectNode json = tree(event());
        json.put("time", "2025-03-14T11:26:53.589+02:00");

        assertEquals(SampleEvents.T0, EventJson.fromBytes(bytes(json)).time());
    }

    @Test
    void timeThatIsNotATimestampIsRejected() {
        ObjectNode json = tree(event());
        json.put("time", "yesterday");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals("time", e.attribute());
    }

    @Test
    void extensionsAreTopLevelAttributesAndRoundTrip() {
        CloudEvent<AliasSet> event = event().withTraceparent(SampleEvents.TRACEPARENT);

        ObjectNode json = tree(event);

        assertEquals("alice", json.get("actor").asText());
        assertEquals(SampleEvents.TRACEPARENT, json.get("traceparent").asText());
        assertFalse(json.has("extensions"));
        CloudEvent<?> read = EventJson.fromBytes(EventJson.toBytes(event));
        assertEquals("alice", read.actor());
        assertEquals(SampleEvents.TRACEPARENT, read.traceparent());
        assertEquals(event, read);
    }

    @Test
    void absentOptionalAttributesAreLeftOut() {
        CloudEvent<AliasSet> event = new CloudEvent<>("1.0", "e-1", Sources.MODEL_REGISTRY,
                EventType.ALIAS_SET.type(), null, SampleEvents.T0, null, null, null, DATA);

        ObjectNode json = tree(event);

        assertEquals(java.util.Set.of("specversion", "id", "source", "type", "time", "data"),
                JsonTrees.fieldNames(json));
        assertEquals(event, EventJson.fromBytes(bytes(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-trace", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"})
    void invalidTraceparentIsDropped(String traceparent) {
        assertNull(event().withTraceparent(traceparent).traceparent());
    }

    @Test
    void factoryFillsIdTimeAndSpecAttributes() {
        Instant before = Instant.now();

        CloudEvent<AliasSet> event = CloudEvent.of(Sources.MODEL_REGISTRY, EventType.ALIAS_SET.type(), "churn",
                "alice", DATA);

        assertEquals("1.0", event.specversion());
        assertEquals("application/json", event.datacontenttype());
        assertEquals(event.id(), UUID.fromString(event.id()).toString());
        assertFalse(event.time().isBefore(before));
        assertTrue(Duration.between(before, event.time()).toSeconds() < 5);
        assertSame(DATA, event.data());
        assertNotEquals(event.id(), CloudEvent.of(Sources.MODEL_REGISTRY, EventType.ALIAS_SET, "churn", "alice",
                DATA).id());
    }

    @Test
    void factoryRejectsDataThatIsNotTheTypesRecord() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> CloudEvent.of(Sources.MODEL_REGISTRY, EventType.MODEL_CREATED, "churn", "alice", DATA));

        assertEquals("data", e.attribute());
        assertTrue(e.getMessage().contains("ModelCreated"), e.getMessage());
    }
}
