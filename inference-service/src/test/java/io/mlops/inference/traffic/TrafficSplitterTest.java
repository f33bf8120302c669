package io.mlops.inference.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.inference.traffic.service.TrafficSplitter;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrafficSplitterTest {

    private static final int REQUESTS = 10_000;

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 30, 50, 90})
    void randomIdsSplitWithinThreePercent(int percent) {
        assertShare(percent, i -> UUID.randomUUID().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 30, 50})
    void sequentialIdsSplitWithinThreePercentToo(int percent) {
        assertShare(percent, i -> "req-" + i);
    }

    @Test
    void theSameIdAlwaysLandsOnTheSameArm() {
        for (int i = 0; i < 1_000; i++) {
            String id = UUID.randomUUID().toString();
            boolean first = TrafficSplitter.toChallenger(id, 37);
            for (int retry = 0; retry < 5; retry++) {
                assertEquals(first, TrafficSplitter.toChallenger(id, 37));
            }
        }
    }

    @Test
    void zeroAndHundredPercentAreExact() {
        for (int i = 0; i < 1_000; i++) {
            String id = "id-" + i;
            assertEquals(false, TrafficSplitter.toChallenger(id, 0));
            assertEquals(true, TrafficSplitter.toChallenger(id, 100));
        }
    }

    @Test
    void raisingThePercentOnlyMovesRequestsTowardsTheChallenger() {
        for (int i = 0; i < 2_000; i++) {
            String id = "id-" + i;
            if (TrafficSplitter.toChallenger(id, 20)) {
                assertTrue(TrafficSplitter.toChallenger(id, 40), id + " left the challenger when the share grew");
            }
        }
    }

    private static void assertShare(int percent, IntFunction<String> ids) {
        int challenger = 0;
        for (int i = 0; i < REQUESTS; i++) {
            if (TrafficSplitter.toChallenger(ids.apply(i), percent)) {
                challenger++;
            }
        }
        double share = 100.0 * challenger / REQUESTS;
        assertTrue(Math.abs(share - percent) <= 3.0, "challenger share " + share + " % for " + percent + " %");
    }
}
