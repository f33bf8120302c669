package io.mlops.events;

import static io.mlops.events.JsonTrees.bytes;
import static io.mlops.events.JsonTrees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.events.inference.Prediction;
import io.mlops.events.registry.AliasSet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonReadTest {

    @Test
    void unknownTypeKeepsDataAsJsonNode() {
        ObjectNode json = tree(SampleEvents.sample(EventType.ALIAS_SET));
        json.put("type", "io.mlops.registry.alias.renamed.v2");

        CloudEvent<?> read = EventJson.fromBytes(bytes(json));

        JsonNode data = assertInstanceOf(JsonNode.class, read.data());
        assertEquals("champion", data.get("alias").asText());
        assertEquals("io.mlops.registry.alias.renamed.v2", read.type());
    }

    @Test
    void anyEventReadsAsAGenericMap() {
        CloudEvent<?> event = SampleEvents.sample(EventType.PREDICTION);

        CloudEvent<Map> read = EventJson.fromBytes(EventJson.toBytes(event), Map.class);

        assertEquals("champion", read.data().get("arm"));
        assertEquals(event.id(), read.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"specversion\":\"1.0\",", "not json", "[1,2,3]", "\"a string\"", "42",
            "{\"id\":\"x\"} trailing", "   "})
    void malformedBytesAreAnInvalidEvent(String text) {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventJson.fromBytes(text.getBytes(StandardCharsets.UTF_8)));

        assertNull(e.attribute());
        assertTrue(e.getMessage().startsWith("not "), e.getMessage());
    }

    @Test
    void emptyOrNullBytesAreAnInvalidEvent() {
        assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(new byte[0]));
        assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(null));
        assertThrows(InvalidEventException.class, () -> EventJson.fromJson(null, AliasSet.class));
    }

    @Test
    void dataOfTheWrongShapeNamesItsPath() {
        ObjectNode json = tree(SampleEvents.sample(EventType.PREDICTION));
        ((ObjectNode) json.get("data").get("rows").get(0)).put("score", "high");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals("data.rows[0].score", e.attribute());
        assertTrue(e.getMessage().contains("data.rows[0].score"), e.getMessage());
    }

    @Test
    void knownTypeWithoutDataIsInvalid() {
        ObjectNode json = tree(SampleEvents.sample(EventType.FEEDBACK));
        json.remove("data");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals("data", e.attribute());
    }

    @Test
    void askingForAnotherTypesRecordIsInvalid() {
        byte[] alias = EventJson.toBytes(SampleEvents.sample(EventType.ALIAS_SET));

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventJson.fromBytes(alias, Prediction.class));

        assertEquals("type", e.attribute());
        assertTrue(e.getMessage().contains("AliasSet"), e.getMessage());
    }

    @Test
    void jsonTextRoundTripsForAnOutbox() {
        CloudEvent<?> event = SampleEvents.sample(EventType.MODEL_VERSION_CREATED);

        String json = EventJson.toJson(event);

        assertTrue(json.startsWith("{\"specversion\":\"1.0\",\"id\":"), json);
        assertEquals(event, EventJson.fromJson(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"model\":\"churn\",\"alias\":\"champion\"}",
            "{\"model\":\"churn\",\"alias\":\"champion\",\"version\":null}"})
    void missingPrimitiveIsInvalidRatherThanZero(String data) {
        ObjectNode json = tree(SampleEvents.sample(EventType.ALIAS_SET));
        json.set("data", JsonTrees.parse(data.getBytes(StandardCharsets.UTF_8)));

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes(json)));

        assertEquals("data.version", e.attribute());
    }
}
