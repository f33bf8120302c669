package io.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.events.inference.Prediction;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.events.registry.ModelVersion;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.DriftEvaluator;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.ReferenceReader;
import io.mlops.monitor.stream.messaging.StreamConsumer;
import io.mlops.monitor.support.Api;
import io.mlops.monitor.support.Kafka;
import io.mlops.monitor.support.RegistryStandIn;
import io.mlops.monitor.support.RegistryStandInResource;
import io.mlops.monitor.support.Scenario;
import io.mlops.monitor.support.TestSettings;
import io.mlops.monitor.window.Hashes;
import io.mlops.monitor.window.Window;
import io.mlops.monitor.window.WindowLimits;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A crash in the middle of a window (the consumer stops without a final checkpoint, then starts
 * again against the same database and broker) neither loses nor double-counts a prediction, drops
 * producer duplicates, and reaches exactly the verdicts of an uninterrupted evaluation of the same
 * rows.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestartTest {

    private static final String MODEL = "restart";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    StreamConsumer consumer;

    @Test
    void aCrashMidWindowKeepsEveryPredictionExactlyOnce() throws Exception {
        ReferenceProfile profile = Scenario.profile(2, 800);
        ModelVersion v = RegistryStandIn.version(MODEL, 1, Map.of());
        RegistryStandIn.register(v, profile);
        List<Prediction> events = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            events.add(Scenario.prediction(MODEL, 1, MODEL + "-" + i, random, i >= 1000 ? Set.of("f2") : Set.of()));
        }
        try (Kafka kafka = new Kafka()) {
            events.subList(0, 1500).forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("first window closed and 500 rows checkpointed in the second", WAIT,
                    () -> Api.windowCount(MODEL) == 1 && Api.openRows(MODEL) == 500);

            events.subList(1500, 1700).forEach(kafka::prediction);
            kafka.flush();
            Thread.sleep(300);
            consumer.stop(false);

            events.subList(1600, 1650).forEach(kafka::prediction);
            events.subList(1700, 2000).forEach(kafka::prediction);
            kafka.flush();
            consumer.start();
        }
        Eventually.await("second window closed", WAIT, () -> Api.windowCount(MODEL) == 2);
        Thread.sleep(1500);
        assertEquals(2, Api.windowCount(MODEL), "no third window: nothing was counted twice");

        MonitoredVersion version = new MonitoredVersion(MODEL, 1, v.task(), v.labels(), v.positiveLabel(), Map.of(),
                Optional.of(ReferenceReader.read(profile)), null);
        List<Map<String, Object>> windows = Api.windows(MODEL);
        for (int w = 0; w < 2; w++) {
            Map<?, ?> info = (Map<?, ?>) windows.get(w).get("window");
            assertEquals(1000, info.get("size"));
            assertEquals(1000, info.get("events"));
            WindowResult expected = evaluate(version, events.subList(w * 1000, (w + 1) * 1000));
            sameVerdicts(expected, windows.get(w));
        }
    }

    @Test
    void aBatchThatAWindowClosedInTheMiddleOfIsReplayedFromWhereTheNextWindowStarted() throws Exception {
        String model = "restart-batch";
        BadInputTest.register(model, 100);
        SplittableRandom random = new SplittableRandom(11);
        List<io.mlops.events.inference.PredictionRow> batchRows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batchRows.add(Scenario.prediction(model, 1, "row-" + i, random, Set.of()).rows().get(0));
        }
        try (Kafka kafka = new Kafka()) {
            for (int i = 0; i < 90; i++) {
                kafka.prediction(Scenario.prediction(model, 1, model + "-" + i, random, Set.of()));
            }
            // 50 rows in one event: 10 close the first window, 40 open the second.
            kafka.prediction(new Prediction(model + "-batch", null, model, 1, "champion",
                    io.mlops.events.inference.Arm.CHAMPION, batchRows, 1, Instant.now()));
            kafka.flush();
            Eventually.await("the first window closed and 40 rows checkpointed in the second", WAIT,
                    () -> Api.windowCount(model) == 1 && Api.openRows(model) == 40);
            consumer.stop(false);
            consumer.start();
            for (int i = 90; i < 150; i++) {
                kafka.prediction(Scenario.prediction(model, 1, model + "-" + i, random, Set.of()));
            }
            kafka.flush();
        }
        Eventually.await("the second window closed", WAIT, () -> Api.windowCount(model) == 2);
        Thread.sleep(1500);
        assertEquals(0, Api.openRows(model), "40 replayed rows and 60 new ones fill the second window exactly");
        for (Map<String, Object> w : Api.windows(model)) {
            assertEquals(100, ((Map<?, ?>) w.get("window")).get("size"));
        }
    }

    @Test
    void aDuplicateOfAnEventFromTheWindowClosedBeforeACrashIsStillDropped() throws Exception {
        String model = "restart-duplicate";
        BadInputTest.register(model, 100);
        List<Prediction> events = Scenario.predictions(model, new SplittableRandom(13), 200);
        double skippedBefore = duplicatesSkipped();
        try (Kafka kafka = new Kafka()) {
            events.subList(0, 150).forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("the first window closed and 50 rows checkpointed in the second", WAIT,
                    () -> Api.windowCount(model) == 1 && Api.openRows(model) == 50);
            consumer.stop(false);
            consumer.start();
            // A producer's retries after the restart: copies from the closed window and from the open one.
            events.subList(20, 40).forEach(kafka::prediction);
            events.subList(120, 130).forEach(kafka::prediction);
            events.subList(150, 200).forEach(kafka::prediction);
            kafka.flush();
        }
        // At least: a replay also re-counts copies that other tests' restored windows hold.
        Eventually.await("every copy counted as a duplicate", WAIT, () -> duplicatesSkipped() - skippedBefore >= 30);
        assertTwoWindowsOf100Events(model, "50 replayed rows and 50 new ones fill the second window, no copy counted");
    }

    @Test
    void aDuplicateIsDroppedAfterACrashThatFoundNoWindowOpen() throws Exception {
        String model = "restart-duplicate-closed";
        BadInputTest.register(model, 100);
        List<Prediction> events = Scenario.predictions(model, new SplittableRandom(17), 200);
        try (Kafka kafka = new Kafka()) {
            events.subList(0, 100).forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("the first window closed with nothing left open", WAIT,
                    () -> Api.windowCount(model) == 1 && Api.openRows(model) == 0);
            consumer.stop(false);
            consumer.start();
            events.subList(50, 60).forEach(kafka::prediction);
            events.subList(100, 200).forEach(kafka::prediction);
            kafka.flush();
        }
        assertTwoWindowsOf100Events(model, "the ten copies were not counted in the second window");
    }

    /** Two closed windows of 100 events each, and nothing left open a moment later. */
    private static void assertTwoWindowsOf100Events(String model, String message) throws InterruptedException {
        Eventually.await("the second window closed", WAIT, () -> Api.windowCount(model) == 2);
        Thread.sleep(1500);
        assertEquals(0, Api.openRows(model), message);
        for (Map<String, Object> w : Api.windows(model)) {
            assertEquals(100, ((Map<?, ?>) w.get("window")).get("events"));
        }
    }

    private static double duplicatesSkipped() {
        double value = Api.metric("mlops_drift_events_skipped_total", "reason=\"duplicate\"");
        return Double.isNaN(value) ? 0 : value;
    }

    private static WindowResult evaluate(MonitoredVersion version, List<Prediction> events) {
        Window window = new Window(version, 1, new WindowLimits(1000, 400, 1000), null);
        for (Prediction p : events) {
            long h = Hashes.event(p.predictionId(), p.arm().ordinal());
            window.firstSighting(h);
            window.observeEvent(p.timestamp(), p.latencyMs(), 0, 0);
            window.add(p.rows().get(0), Hashes.row(h, 0));
        }
        return DriftEvaluator.evaluate(window, TestSettings.defaults(), "size", Instant.now());
    }

    @SuppressWarnings("unchecked")
    private static void sameVerdicts(WindowResult expected, Map<String, Object> actual) {
        List<Map<String, Object>> features = (List<Map<String, Object>>) actual.get("features");
        assertEquals(expected.features().size(), features.size());
        for (int i = 0; i < features.size(); i++) {
            ColumnDrift e = expected.features().get(i);
            Map<String, Object> a = features.get(i);
            assertEquals(e.feature(), a.get("feature"));
            assertEquals(e.method(), a.get("method"), e.feature());
            assertEquals(e.score(), ((Number) a.get("score")).doubleValue(), 1e-12, e.feature());
            assertEquals(e.drifted(), a.get("drifted"), e.feature());
            assertEquals(e.count(), ((Number) a.get("count")).longValue(), e.feature());
        }
        assertEquals(expected.driftedFeatures(), actual.get("driftedFeatures"));
    }
}
