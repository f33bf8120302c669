package io.mlops.monitor.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import io.mlops.monitor.labels.service.FeatureCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Packed features come back as the JSON that was sent: same names, same values, same JSON types. */
class FeatureCodecTest {

    private static final List<String> DICTIONARY = List.of("age", "income", "plan", "vip");

    @Test
    void roundTripsEveryValueTypeWithAndWithoutADictionary() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", 41L);
        features.put("income", 55000.25);
        features.put("plan", "pro ü");
        features.put("vip", true);
        features.put("churned", false);
        features.put("gone", null);
        features.put("extra", Map.of("nested", List.of(1, 2)));
        String sent = EventJson.mapper().writeValueAsString(features);
        for (List<String> dictionary : new List[] {DICTIONARY, null}) {
            byte[] packed = FeatureCodec.encode(features, dictionary, dictionary == null ? null : FeatureCodec.index(dictionary));
            JsonNode back = EventJson.mapper().readTree(FeatureCodec.toJson(packed, dictionary));
            assertEquals(EventJson.mapper().readTree(sent), back);
            assertTrue(back.get("age").isIntegralNumber(), "41 stays an integer");
            assertTrue(back.get("income").isDouble());
        }
    }

    @Test
    void twentyNumericFeaturesPackIntoAFractionOfTheirJson() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            features.put("feature_" + i, i + 0.123456789012345);
        }
        List<String> dictionary = List.copyOf(features.keySet());
        byte[] packed = FeatureCodec.encode(features, dictionary, FeatureCodec.index(dictionary));
        int json = EventJson.mapper().writeValueAsBytes(features).length;
        assertEquals(1 + 1 + 20 * (1 + 1 + 8), packed.length);
        assertTrue(packed.length * 3 < json, packed.length + " bytes packed vs " + json + " of JSON");
    }

    @Test
    void jsonStoredBeforePackingIsReadAsItIs() {
        byte[] legacy = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"a\":1}", FeatureCodec.toJson(legacy, null));
    }
}
