package io.mlops.monitor.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.monitor.alert.service.SubjectState;
import org.junit.jupiter.api.Test;

/** Detect after k consecutive bad evaluations, resolve after m consecutive good ones, never on flapping. */
class HysteresisTest {

    private static final SubjectState CLEAN = new SubjectState("m", 1, "dataset", "dataset", false, 0);

    @Test
    void detectsAfterKInARowAndResolvesAfterMInARow() {
        SubjectState s = CLEAN.next(true, 2, 3);
        assertFalse(s.active());
        s = s.next(true, 2, 3);
        assertTrue(s.active(), "second drifted window in a row");
        s = s.next(true, 2, 3).next(true, 2, 3);
        assertTrue(s.active());
        assertEquals(0, s.streak());
        s = s.next(false, 2, 3).next(false, 2, 3);
        assertTrue(s.active(), "two clean windows are not yet three");
        s = s.next(false, 2, 3);
        assertFalse(s.active());
    }

    @Test
    void aFlappingVerdictNeverAlerts() {
        SubjectState s = CLEAN;
        int flips = 0;
        for (int i = 0; i < 100; i++) {
            SubjectState next = s.next(i % 2 == 0, 2, 2);
            flips += next.active() != s.active() ? 1 : 0;
            s = next;
        }
        assertEquals(0, flips);
    }

    @Test
    void aGoodWindowResetsTheCountTowardsDetection() {
        SubjectState s = CLEAN.next(true, 3, 1).next(true, 3, 1).next(false, 3, 1).next(true, 3, 1).next(true, 3, 1);
        assertFalse(s.active());
        assertTrue(s.next(true, 3, 1).active());
    }
}
