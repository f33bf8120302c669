package io.mlops.monitor.bench;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.profile.FeatureProfile;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.mlops.monitor.stream.messaging.StreamConsumer;
import io.mlops.monitor.support.Api;
import io.mlops.monitor.support.Kafka;
import io.mlops.monitor.support.Profiles;
import io.mlops.monitor.support.RegistryStandIn;
import io.mlops.monitor.support.RegistryStandInResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Consumption throughput on the real broker and database: a backlog of prediction events with 20
 * numeric features each is produced while the consumer is stopped, then the time to drain it is
 * measured. Run with {@code -Dmlops.bench=true [-Dmlops.bench.events=200000]}; not part of the suite.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "mlops.bench", matches = "true")
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StreamThroughputBenchmark {

    private static final String MODEL = "bench";
    private static final int FEATURES = 20;

    @Inject
    StreamConsumer consumer;

    @Test
    void drainABacklog() {
        int events = Integer.getInteger("mlops.bench.events", 200_000);
        Map<String, FeatureProfile> features = new LinkedHashMap<>();
        for (int i = 0; i < FEATURES; i++) {
            features.put("f" + i, Profiles.numeric(Profiles.normal(i, 20_000, i, 1), true, true));
        }
        RegistryStandIn.register(RegistryStandIn.version(MODEL, 1, Map.of()), new ReferenceProfile(features,
                Profiles.numeric(Profiles.normal(99, 20_000, 0.5, 0.1), true, true), null));
        warmUp();
        consumer.stop(true);
        SplittableRandom random = new SplittableRandom(1);
        try (Kafka kafka = new Kafka()) {
            for (int n = 0; n < events; n++) {
                kafka.raw(Topics.INFERENCE_PREDICTIONS, MODEL, event(random, "bench-" + n), false);
            }
            kafka.flush();
        }
        double before = processed();
        long start = System.nanoTime();
        consumer.start();
        Eventually.await("backlog drained", Duration.ofMinutes(10), () -> processed() - before >= events);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH %d events x %d features in %.1f s = %.0f events/s; window publish p99 %s s%n", events,
                FEATURES, seconds, events / seconds,
                Api.metric("mlops_drift_window_publish_seconds", "quantile=\"0.99\""));
    }

    private void warmUp() {
        SplittableRandom random = new SplittableRandom(2);
        try (Kafka kafka = new Kafka()) {
            for (int n = 0; n < 2_000; n++) {
                kafka.raw(Topics.INFERENCE_PREDICTIONS, MODEL, event(random, "warm-" + n), false);
            }
            kafka.flush();
        }
        Eventually.await("warm-up processed", Duration.ofMinutes(2), () -> processed() >= 2_000);
    }

    private static double processed() {
        double v = Api.metric("mlops_drift_events_processed_total", "model=\"" + MODEL + "\"");
        return Double.isNaN(v) ? 0 : v;
    }

    private static byte[] event(SplittableRandom random, String id) {
        Map<String, Object> f = new HashMap<>();
        for (int i = 0; i < FEATURES; i++) {
            f.put("f" + i, i + Profiles.gaussian(random));
        }
        Prediction p = new Prediction(id, null, MODEL, 1, "champion", Arm.CHAMPION,
                List.of(new PredictionRow(f, null, null, 0.5 + 0.1 * Profiles.gaussian(random), null)), 3.0, Instant.now());
        return EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.PREDICTION, MODEL, "bench", p));
    }
}
