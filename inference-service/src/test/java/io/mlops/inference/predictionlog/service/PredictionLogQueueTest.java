package io.mlops.inference.predictionlog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlops.events.inference.Arm;
import io.mlops.inference.config.PredictionLogConfig;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.support.TestFeedbackConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.StartupEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The log's queue is bounded and never makes a request wait, even with no broker to deliver to. */
class PredictionLogQueueTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InferenceMetrics metrics = new InferenceMetrics(meters);

    @Test
    void aFullQueueDropsAndCountsInsteadOfGrowing() {
        PredictionLog log = new PredictionLog(config(2), metrics,
                new RecentPredictions(TestFeedbackConfig.remembering(10)), "127.0.0.1:1");
        for (int i = 0; i < 5; i++) {
            log.log(prediction());
        }
        assertEquals(2, log.backlog());
        assertEquals(3.0, dropped());
    }

    @Test
    void theQueueIsBoundedByTheMemoryItsPredictionsHoldToo() {
        PredictionLog log = new PredictionLog(config(100, 10_000), metrics,
                new RecentPredictions(TestFeedbackConfig.remembering(10)), "127.0.0.1:1");
        log.log(prediction(4_000));
        log.log(prediction(4_000));
        log.log(prediction(4_000)); // 12,000 would pass the 10,000 budget
        log.log(prediction(1_000));
        assertEquals(3, log.backlog());
        assertEquals(9_000, log.backlogBytes());
        assertEquals(1.0, dropped());

        PredictionLog empty = new PredictionLog(config(100, 10_000), metrics,
                new RecentPredictions(TestFeedbackConfig.remembering(10)), "127.0.0.1:1");
        empty.log(prediction(50_000));
        assertEquals(1, empty.backlog(), "alone in the queue, a prediction above the budget is still logged");
        empty.log(prediction(10));
        assertEquals(1, empty.backlog());
        assertEquals(2.0, dropped());
    }

    @Test
    void aPredictionLoggedOnceTheLogHasStoppedIsCountedAsDroppedNotQueued() {
        PredictionLog log = new PredictionLog(config(10), metrics,
                new RecentPredictions(TestFeedbackConfig.remembering(10)), "127.0.0.1:1");
        log.log(prediction());
        log.stop(new ShutdownEvent());
        assertEquals(0, log.backlog(), "what was waiting with no thread to send it is counted, not kept");
        assertEquals(1.0, dropped());

        log.log(prediction()); // a request that finished after shutdown began
        assertEquals(0, log.backlog());
        assertEquals(2.0, dropped());
    }

    @Test
    void anUnreachableBrokerNeverBlocksTheCallerAndEveryLossIsCounted() {
        // Port 1 refuses connections: the log thread waits for metadata (up to two seconds) and drops.
        PredictionLog log = new PredictionLog(config(2), metrics,
                new RecentPredictions(TestFeedbackConfig.remembering(10)), "127.0.0.1:1");
        log.start(new StartupEvent());
        try {
            long start = System.nanoTime();
            int sent = 1_000;
            for (int i = 0; i < sent; i++) {
                log.log(prediction());
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // A caller that waited for the producer even once would take two seconds per prediction.
            assertTrue(millis < 1_500, sent + " predictions took " + millis + " ms to hand over");
            assertTrue(log.backlog() <= 2, "bounded: " + log.backlog());
            // At most the queue's two plus the two the log thread took in hand before it stalled got through.
            assertTrue(dropped() >= sent - 4, "dropped " + dropped() + " of " + sent);
        } finally {
            log.stop(new ShutdownEvent());
        }
    }

    @Test
    void producerSettingsKafkaWouldRefuseStopTheStartInsteadOfDroppingEveryPrediction() {
        PredictionLog.checkProducerSettings(config(2, Duration.ofMillis(25), "lz4"));
        PredictionLog.checkProducerSettings(config(2, Duration.ZERO, "zstd"));
        IllegalStateException codec = assertThrows(IllegalStateException.class,
                () -> new PredictionLog(config(2, Duration.ofMillis(25), "lz-4"), metrics,
                        new RecentPredictions(TestFeedbackConfig.remembering(10)), "127.0.0.1:1")
                        .start(new StartupEvent()));
        assertTrue(codec.getMessage().contains("compression") && codec.getMessage().contains("lz-4"), codec.getMessage());
        IllegalStateException linger = assertThrows(IllegalStateException.class,
                () -> PredictionLog.checkProducerSettings(config(2, Duration.ofMillis(-1), "lz4")));
        assertTrue(linger.getMessage().contains("linger"), linger.getMessage());
    }

    private double dropped() {
        return meters.get(InferenceMetrics.LOG_DROPPED).counter().count();
    }

    private static PendingPrediction prediction() {
        return prediction(1_000);
    }

    private static PendingPrediction prediction(long heldBytes) {
        return new PendingPrediction(UUID.randomUUID().toString(), null, "churn", 1, "champion", Arm.CHAMPION,
                List::of, 0.1, Instant.now(), "tests", null, heldBytes);
    }

    private static PredictionLogConfig config(int capacity) {
        return config(capacity, Duration.ofMillis(5), "none");
    }

    private static PredictionLogConfig config(int capacity, long maxBytes) {
        return config(capacity, Duration.ofMillis(5), "none", maxBytes);
    }

    private static PredictionLogConfig config(int capacity, Duration linger, String compression) {
        return config(capacity, linger, compression, 64L << 20);
    }

    private static PredictionLogConfig config(int capacity, Duration linger, String compression, long maxBytes) {
        return new PredictionLogConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int queueCapacity() {
                return capacity;
            }

            @Override
            public MemorySize queueMaxBytes() {
                return new MemorySize(java.math.BigInteger.valueOf(maxBytes));
            }

            @Override
            public Duration linger() {
                return linger;
            }

            @Override
            public String compression() {
                return compression;
            }
        };
    }
}
