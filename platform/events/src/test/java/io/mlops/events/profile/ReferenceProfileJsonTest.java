package io.mlops.events.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceProfileJsonTest {

    private static List<Double> quantiles() {
        return java.util.stream.IntStream.range(0, 101).mapToObj(i -> i / 100.0).toList();
    }

    @Test
    void roundTripsWithTheContractFieldNames() throws Exception {
        var profile = new ReferenceProfile(
                Map.of("age", new NumericProfile(800, 2, 35.5, 11.2, 19, 75, quantiles(), "AQID", List.of(22.0, 67.0)),
                        "purpose", new CategoricalProfile(800, 0, Map.of("radio/tv", 220L, "new car", 180L))),
                new NumericProfile(800, 0, 0.3, 0.2, 0.01, 0.97, quantiles(), null, null),
                new CategoricalProfile(800, 0, Map.of("good", 560L, "bad", 240L)));

        String json = EventJson.mapper().writeValueAsString(profile);
        JsonNode tree = EventJson.mapper().readTree(json);

        assertEquals("numeric", tree.at("/features/age/type").asText());
        assertEquals(101, tree.at("/features/age/quantiles").size());
        assertEquals("AQID", tree.at("/features/age/kll").asText());
        assertEquals(2, tree.at("/features/age/nullCount").asInt());
        assertEquals("categorical", tree.at("/features/purpose/type").asText());
        assertEquals(220, tree.at("/features/purpose/counts/radio~1tv").asInt());
        assertEquals(true, tree.at("/score/kll").isMissingNode(), "absent optional fields are omitted");
        assertEquals(profile, EventJson.mapper().readValue(json, ReferenceProfile.class));
        assertInstanceOf(CategoricalProfile.class,
                EventJson.mapper().readValue(json, ReferenceProfile.class).predictedLabel());
    }

    @Test
    void rejectsAProfileWithTheWrongNumberOfQuantiles() {
        assertThrows(IllegalArgumentException.class,
                () -> new NumericProfile(1, 0, 0, 0, 0, 0, List.of(0.0, 1.0), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new NumericProfile(1, 0, 0, 0, 0, 0, quantiles(), null, Collections.nCopies(1001, 0.0)));
    }
}
