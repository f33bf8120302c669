package io.mlops.events;

import static io.mlops.events.JsonTrees.fieldNames;
import static io.mlops.events.JsonTrees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventRoundTripTest {

    private static final Set<String> ENVELOPE = Set.of("specversion", "id", "source", "type", "subject",
            "time", "datacontenttype", "actor", "traceparent", "data");

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeReadsBackEqualWithItsRecordAsData(EventType type) {
        CloudEvent<?> event = SampleEvents.sample(type);

        CloudEvent<?> read = EventJson.fromBytes(EventJson.toBytes(event));

        assertEquals(event, read);
        assertInstanceOf(type.dataClass(), read.data());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeReadsBackEqualWhenAskedForItsClass(EventType type) {
        CloudEvent<?> event = SampleEvents.sample(type);

        assertEquals(event, EventJson.fromBytes(EventJson.toBytes(event), type.dataClass()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeWritesTheStructuredEnvelope(EventType type) {
        JsonNode json = tree(SampleEvents.sample(type));

        assertEquals(ENVELOPE, fieldNames(json));
        assertEquals(type.type(), json.get("type").asText());
        assertEquals(SampleEvents.sourceOf(type), json.get("source").asText());
        assertTrue(json.get("data").isObject());
    }
}
