package io.mlops.features.view.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlops.features.entity.service.KeyType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureRefAndKeysTest {

    @Test
    void parsesLatestAndPinnedReferences() {
        assertEquals(new FeatureRef("driver-stats", null, "rating"), FeatureRef.parse("driver-stats:rating"));
        assertEquals(new FeatureRef("driver-stats", 12, "rating"), FeatureRef.parse("driver-stats@12:rating"));
        assertEquals("driver-stats@3:rating", FeatureRef.parse("driver-stats:rating").pinned(3).toString());
        for (String bad : new String[] {"rating", "a:b:c", "v@0:f", "v@x:f", ":f", "v:", "v@:f", "a b:c"}) {
            assertNull(FeatureRef.parse(bad), bad);
        }
    }

    @Test
    void singleKeysAreStoredAsTextAndTravelAsTheirJsonType() {
        List<JoinKey> intKey = List.of(new JoinKey("c", "customer_id", KeyType.INT64));
        assertEquals("42", EntityKeys.encode(EntityKeys.checkValue(KeyType.INT64, 42)));
        assertEquals(42L, EntityKeys.toEventKey(intKey, "42"));
        assertEquals("42", EntityKeys.fromEventKey(intKey, 42L));
        assertThrows(IllegalArgumentException.class, () -> EntityKeys.checkValue(KeyType.INT64, 4.2));
        assertThrows(IllegalArgumentException.class, () -> EntityKeys.checkValue(KeyType.STRING, 42));
        assertThrows(IllegalArgumentException.class, () -> EntityKeys.checkValue(KeyType.STRING, "a\u001fb"));
        assertEquals("k".repeat(256), EntityKeys.checkValue(KeyType.STRING, "k".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> EntityKeys.checkValue(KeyType.STRING, "k".repeat(257)));
        // The limit is in bytes: 64 four-byte characters fit, 65 do not.
        assertEquals(256, ((String) EntityKeys.checkValue(KeyType.STRING, "\uD83D\uDE00".repeat(64))).length() * 2);
        assertThrows(IllegalArgumentException.class, () -> EntityKeys.checkValue(KeyType.STRING, "\uD83D\uDE00".repeat(65)));
    }

    @Test
    void compositeKeysRoundTripThroughEvents() {
        List<JoinKey> keys = List.of(new JoinKey("c", "customer_id", KeyType.INT64),
                new JoinKey("m", "merchant_id", KeyType.STRING));
        String stored = EntityKeys.encode(new Object[] {7L, "m-1"});
        assertEquals(Map.of("customer_id", 7L, "merchant_id", "m-1"), EntityKeys.toEventKey(keys, stored));
        assertEquals(stored, EntityKeys.fromEventKey(keys, Map.of("customer_id", 7L, "merchant_id", "m-1")));
        assertThrows(IllegalArgumentException.class, () -> EntityKeys.fromEventKey(keys, 7L));
    }
}
