package io.mlops.inference.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** A version's meters live as long as some loaded instance of it, and no longer. */
class VersionMetersTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final InferenceMetrics metrics = new InferenceMetrics(registry);

    @Test
    void theLastInstanceOfAVersionRemovesItsMeters() {
        VersionMeters v1 = metrics.acquireVersionMeters("churn", 1);
        v1.forAlias("champion").record(Outcome.OK, 1_000);
        v1.runTimer().record(java.time.Duration.ofNanos(500));
        assertNotNull(requests("churn", "1", "champion"));

        metrics.releaseVersionMeters(v1);

        assertNull(requests("churn", "1", "champion"), "request counters of a retired version are gone");
        assertTrue(registry.find(InferenceMetrics.MODEL_RUN).tag("model", "churn").timers().isEmpty());
        assertTrue(registry.find(InferenceMetrics.LATENCY).tag("model", "churn").timers().isEmpty());
    }

    @Test
    void aVersionLoadedAgainWhileItsOldInstanceDrainsKeepsExportedMeters() {
        VersionMeters draining = metrics.acquireVersionMeters("fraud", 4);
        draining.forAlias("champion").record(Outcome.OK, 1_000);
        VersionMeters reloaded = metrics.acquireVersionMeters("fraud", 4);

        metrics.releaseVersionMeters(draining);
        reloaded.forAlias("champion").record(Outcome.OK, 1_000);

        Counter ok = requests("fraud", "4", "champion");
        assertNotNull(ok, "the reloaded instance's meters are still registered");
        assertEquals(2.0, ok.count(), "both instances counted into the one exported series");
    }

    @Test
    void aVersionLoadedAfterItsMetersWereRemovedGetsNewOnes() {
        VersionMeters first = metrics.acquireVersionMeters("ltv", 2);
        first.forAlias("challenger").record(Outcome.OK, 1_000);
        metrics.releaseVersionMeters(first);

        VersionMeters again = metrics.acquireVersionMeters("ltv", 2);
        again.forAlias("challenger").record(Outcome.ERROR, 0);

        assertEquals(1.0, registry.find(InferenceMetrics.REQUESTS).tags("model", "ltv", "version", "2", "alias", "challenger",
                "outcome", Outcome.ERROR.tag()).counter().count());
        assertEquals(0.0, requests("ltv", "2", "challenger").count(), "counted again from zero, as a restarted counter");
    }

    private Counter requests(String model, String version, String alias) {
        return registry.find(InferenceMetrics.REQUESTS)
                .tags("model", model, "version", version, "alias", alias, "outcome", Outcome.OK.tag()).counter();
    }
}
