package io.mlops.inference.predictionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mlops.inference.predictionlog.service.RecentPredictions;
import io.mlops.inference.support.Ids;
import io.mlops.inference.support.TestFeedbackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentPredictionsTest {

    @Test
    void remembersTheModelOfEachRecentId() {
        RecentPredictions recent = new RecentPredictions(TestFeedbackConfig.remembering(10));
        String a = Ids.newId();
        String b = Ids.newId();
        recent.remember(a, "credit-risk");
        recent.remember(b, "churn");
        assertEquals("credit-risk", recent.modelOf(a));
        assertEquals("churn", recent.modelOf(b));
        assertNull(recent.modelOf(Ids.newId()));
    }

    @Test
    void forgetsTheOldestFirstOnceFull() {
        RecentPredictions recent = new RecentPredictions(TestFeedbackConfig.remembering(100));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String id = Ids.newId();
            ids.add(id);
            recent.remember(id, "m" + (i % 3));
        }
        for (int i = 0; i < 150; i++) {
            assertNull(recent.modelOf(ids.get(i)), "id " + i + " should be forgotten");
        }
        for (int i = 150; i < 250; i++) {
            assertEquals("m" + (i % 3), recent.modelOf(ids.get(i)), "id " + i);
        }
    }

    @Test
    void aRepeatedIdKeepsItsPlaceAndModel() {
        RecentPredictions recent = new RecentPredictions(TestFeedbackConfig.remembering(3));
        String first = Ids.newId();
        recent.remember(first, "a");
        recent.remember(first, "b");
        recent.remember(Ids.newId(), "c");
        recent.remember(Ids.newId(), "c");
        assertEquals("a", recent.modelOf(first), "a repeat takes no second slot");
        recent.remember(Ids.newId(), "c");
        assertNull(recent.modelOf(first));
    }

    @Test
    void idsSharingTheirHighBitsAreToldApartByTheLowOnes() {
        RecentPredictions recent = new RecentPredictions(TestFeedbackConfig.remembering(10));
        UUID older = new UUID(42L, 1L);
        UUID newer = new UUID(42L, 2L);
        recent.remember(older.toString(), "old");
        recent.remember(newer.toString(), "new");
        assertEquals("new", recent.modelOf(newer.toString()));
        assertNull(recent.modelOf(new UUID(42L, 3L).toString()));
        for (int i = 0; i < 9; i++) {
            recent.remember(Ids.newId(), "filler");
        }
        // The older id's slot is reused; that must not forget the newer id that shares its map key.
        assertEquals("new", recent.modelOf(newer.toString()));
    }

    @Test
    void idsThatAreNotUuidsAreNeitherRememberedNorFound() {
        RecentPredictions recent = new RecentPredictions(TestFeedbackConfig.remembering(10));
        recent.remember("not-a-uuid", "m");
        recent.remember(null, "m");
        assertNull(recent.modelOf("not-a-uuid"));
        assertNull(recent.modelOf(null));
        assertNull(recent.modelOf("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"));
    }
}
