package io.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.events.inference.Prediction;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.mlops.monitor.db.Db;
import io.mlops.monitor.support.Api;
import io.mlops.monitor.support.Kafka;
import io.mlops.monitor.support.RegistryStandIn;
import io.mlops.monitor.support.RegistryStandInResource;
import io.mlops.monitor.support.Scenario;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints are committed on their own thread while the stream reads on. When a commit fails
 * (here: the database refuses this model's window results), the stream must notice, drop what it
 * built on top of the failed commit and restore from the last durable one, again and again while
 * the failure lasts; once the database accepts the commit, every window is there exactly once.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CheckpointFailureTest {

    private static final String MODEL = "commit-failure";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Db db;

    @Test
    void aFailedCommitLosesAndRepeatsNothing() throws Exception {
        RegistryStandIn.register(RegistryStandIn.version(MODEL, 1, Map.of()), Scenario.profile(31, 800));
        List<Prediction> events = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(32);
        for (int i = 0; i < 2500; i++) {
            events.add(Scenario.prediction(MODEL, 1, MODEL + "-" + i, random, Set.of()));
        }
        db.update("CREATE OR REPLACE FUNCTION refuse_commit_failure_windows() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'window results of % refused by the test', NEW.model; END $$", List.of());
        db.update("CREATE TRIGGER refuse_commit_failure_windows BEFORE INSERT ON window_result FOR EACH ROW "
                + "WHEN (NEW.model = '" + MODEL + "') EXECUTE FUNCTION refuse_commit_failure_windows()", List.of());
        try (Kafka kafka = new Kafka()) {
            try {
                events.subList(0, 1500).forEach(kafka::prediction);
                kafka.flush();
                // Long enough for several failed commits and restores (the retry pause is 2 s).
                Thread.sleep(5_000);
                assertEquals(0, Api.windowCount(MODEL), "the refused window is not there");
            } finally {
                db.update("DROP TRIGGER refuse_commit_failure_windows ON window_result", List.of());
            }
            Eventually.await("the first window committed once the database accepts it, the next one open", WAIT,
                    () -> Api.windowCount(MODEL) == 1 && Api.openRows(MODEL) == 500);
            events.subList(1500, 2500).forEach(kafka::prediction);
            kafka.flush();
        }
        Eventually.await("two windows closed", WAIT, () -> Api.windowCount(MODEL) == 2);
        Thread.sleep(1_500);
        List<Map<String, Object>> windows = Api.windows(MODEL);
        assertEquals(2, windows.size(), "no window counted twice");
        for (Map<String, Object> w : windows) {
            Map<?, ?> info = (Map<?, ?>) w.get("window");
            assertEquals(1000, info.get("size"));
            assertEquals(1000, info.get("events"));
        }
        assertEquals(500, Api.openRows(MODEL), "the last 500 predictions wait in the open window, counted once");
    }
}
