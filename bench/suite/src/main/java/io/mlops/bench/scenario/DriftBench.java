package io.mlops.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.bench.floor.JmhFloors;
import io.mlops.bench.floor.RawKafkaConsume;
import io.mlops.bench.platform.CpuMeter;
import io.mlops.bench.platform.Scrape;
import io.mlops.bench.platform.ServiceRestart;
import io.mlops.bench.platform.Seed;
import io.mlops.bench.platform.TopicWriter;
import io.mlops.bench.report.Section;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import io.mlops.cli.simulate.DriftScenarios;
import io.mlops.cli.simulate.DriftSpec;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.drift.AlertScope;
import io.mlops.events.drift.DriftAlert;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import io.mlops.ml.export.OnnxExport;
import io.mlops.ml.profile.ReferenceProfiles;
import io.mlops.ml.train.LogisticRegressionTraining;
import io.mlops.ml.train.NumericStats;
import io.mlops.ml.train.TrainedModel;
import io.mlops.ml.train.TrainingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The drift monitor: how many prediction events (20 features each) it processes per second from
 * a backlog, beside a raw consume of the same records and a JMH KLL update loop; and the time from
 * the event that closes a window to the alert that window raises, read off the alert topic.
 */
public final class DriftBench {

    static final String MODEL = "bench-drift";
    static final double THROUGHPUT_GOAL = 50_000;
    static final double ALERT_P99_GOAL_MS = 100;
    static final int ALERT_WINDOW = 500;
    /** Below this the machine counts as settled after the backlog (PostgreSQL vacuums the rows it took). */
    static final double QUIET_CORES = 0.3;
    private static final String PROCESSED = "mlops_drift_events_processed_total";
    private static final String PUBLISH = "mlops_drift_window_publish_seconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftBench() {
    }

    public static Section run(BenchContext ctx) throws Exception {
        Table credit = Datasets.load("credit-g");
        RegistryClient registry = new RegistryClient(ctx.targets().registry(), "bench");
        ServiceClient monitor = new ServiceClient("drift-monitor", ctx.targets().monitor(), "bench");
        resetSettings(monitor);

        int warmup = ctx.plan().driftWarmup();
        int events = ctx.plan().driftEvents();
        ctx.log("drift-monitor: backlog of " + warmup + " warm-up and " + events + " timed prediction events");
        TrainedModel trained = LogisticRegressionTraining.train(credit, TrainingConfig.defaults("class", "bad"));
        ReferenceProfile profile = ReferenceProfiles.of(trained, credit, OnnxExport.toBytes(trained, 1));
        int throughputVersion = registerVersion(registry, ctx.champion(), profile);
        ServiceRestart restart = new ServiceRestart(ctx.settings());
        String label = "model=\"" + MODEL + "\"";
        restart.stop("drift-monitor");
        Map<Integer, long[]> ranges;
        EventMaker maker = new EventMaker(credit, 5);
        try (TopicWriter writer = new TopicWriter(ctx.targets().kafkaBootstrap(), Topics.INFERENCE_PREDICTIONS)) {
            Map<Integer, Long> start = writer.endOffsets();
            // One key, so one partition: the warm-up events are all read before the timed ones.
            for (int n = 0; n < warmup + events; n++) {
                writer.send(MODEL, maker.event(throughputVersion, false));
            }
            writer.flush();
            ranges = TopicWriter.ranges(start, writer.endOffsets());
        }
        restart.start();
        var cpuStart = ctx.cpuNow();
        AtomicReference<CpuMeter.Snapshot> cpuWarm = new AtomicReference<>();
        // The counter restarts at zero with the process.
        Drain.Phases drained = Drain.awaitAfterWarmup(ctx.targets().monitor(), PROCESSED, 0, warmup, events,
                Duration.ofMinutes(15), Duration.ofMillis(100), () -> cpuWarm.set(ctx.cpuNow()), label);
        String cpuWhole = ctx.cpuSince(cpuStart);
        String cpu = ctx.cpuSince(cpuWarm.get());
        double warmRate = drained.afterWarmup().unitsPerSecond();
        double raw = RawKafkaConsume.recordsPerSecond(ctx.targets().kafkaBootstrap(), Topics.INFERENCE_PREDICTIONS,
                ranges);
        double[] kll = JmhFloors.kllUpdateNanos(events < 100_000);
        ctx.log(String.format("    drift %.0f events/s after the warm-up (%.0f from the start), raw consume %.0f "
                + "records/s, KLL update %.1f ns", warmRate, drained.whole().unitsPerSecond(), raw, kll[0]));

        Duration settled = ctx.awaitQuiet(QUIET_CORES, Duration.ofMinutes(2));
        ctx.log("drift-monitor: window close to alert, " + ctx.plan().alertWindows() + " windows of " + ALERT_WINDOW
                + ", after " + settled.toSeconds() + " s for the machine to settle");
        monitor.put("/api/v1/monitoring/" + MODEL + "/settings", Map.of("windowSize", ALERT_WINDOW,
                "detectAfter", 1, "resolveAfter", 1, "datasetDriftShare", 0.3));
        int alertVersion = registerVersion(registry, ctx.champion(), profile);
        double beforeAlerts = Drain.zeroIfNaN(Scrape.sum(ctx.targets().monitor(), PROCESSED, label));
        NavigableMap<Double, Double> publishBefore = Scrape.buckets(ctx.targets().monitor(), PUBLISH);
        Histogram latency = new Histogram(3);
        int missed = 0;
        try (TopicWriter writer = new TopicWriter(ctx.targets().kafkaBootstrap(), Topics.INFERENCE_PREDICTIONS);
             AlertWatch alerts = new AlertWatch(ctx.targets().kafkaBootstrap(), alertVersion)) {
            for (int w = 0; w < ctx.plan().alertWindows(); w++) {
                boolean drifted = w % 2 == 1;
                for (int n = 0; n < ALERT_WINDOW - 1; n++) {
                    writer.send(MODEL, maker.event(alertVersion, drifted));
                }
                writer.flush();
                // The window's other events are processed first, so the clock runs from the close alone.
                Drain.await(ctx.targets().monitor(), PROCESSED, beforeAlerts, (long) w * ALERT_WINDOW + ALERT_WINDOW - 1,
                        Duration.ofMinutes(2), label);
                long t0 = System.nanoTime();
                writer.send(MODEL, maker.event(alertVersion, drifted));
                writer.flush();
                if (w == 0) {
                    Drain.await(ctx.targets().monitor(), PROCESSED, beforeAlerts, ALERT_WINDOW, Duration.ofMinutes(2),
                            label);
                    continue;
                }
                long t1 = alerts.next(drifted ? EventType.DRIFT_DETECTED : EventType.DRIFT_RESOLVED, Duration.ofSeconds(20));
                if (t1 < 0) {
                    missed++;
                } else {
                    latency.recordValue(t1 - t0);
                }
            }
        }
        NavigableMap<Double, Double> publishAfter = Scrape.buckets(ctx.targets().monitor(), PUBLISH);
        double serverP50 = Scrape.quantileBetween(publishBefore, publishAfter, 0.50) * 1000;
        double serverP99 = Scrape.quantileBetween(publishBefore, publishAfter, 0.99) * 1000;
        double p50 = latency.getValueAtPercentile(50) / 1e6;
        double p99 = latency.getValueAtPercentile(99) / 1e6;
        double max = latency.getMaxValue() / 1e6;
        ctx.log(String.format("    window close to alert: p50 %.1f ms, p99 %.1f ms, max %.1f ms, missed %d", p50, p99,
                max, missed));
        resetSettings(monitor);

        Section s = new Section("drift-monitor: stream throughput and window close to alert");
        s.text("Throughput: " + (warmup + events) + " `io.mlops.inference.prediction.v1` events, one row of the 20 "
                + "German Credit features each (7 numeric, 13 categorical) plus score and label, produced while the "
                + "drift monitor is stopped; it is started again and drains them. The first " + warmup + " warm the "
                + "just-started JVM (its JIT compilers take half a core for about ten seconds); the rate is timed over "
                + "the next " + events + ", from the scrape that finds the warm-up processed to the one that finds "
                + "the whole backlog processed (`" + PROCESSED + "`). Floors: kafka-clients reading the same records "
                + "and doing nothing with them, and JMH's KLL update (k = 400). CPU while the timed events drained: "
                + cpu + "; over the whole backlog: " + cpuWhole + ".");
        double kllEventsPerSecond = 1e9 / (kll[0] * 8);
        s.table(List.of("path", "events/s", "× raw consume"), List.of(
                List.of("raw kafka-clients consume (floor)", Section.f(raw, 0), "1.00"),
                List.of("KLL updates alone, 8 numeric values per event (floor: " + Section.f(kll[0], 1) + " ± "
                        + Section.f(kll[1], 1) + " ns per update)", Section.f(kllEventsPerSecond, 0),
                        Section.f(kllEventsPerSecond / raw, 2)),
                List.of("drift-monitor, after the warm-up", Section.f(warmRate, 0), Section.f(warmRate / raw, 3)),
                List.of("drift-monitor, whole backlog from its start (warm-up included)",
                        Section.f(drained.whole().unitsPerSecond(), 0),
                        Section.f(drained.whole().unitsPerSecond() / raw, 3))));
        s.text("Window close to alert, measured once the machine had settled after the backlog (under "
                + QUIET_CORES + " cores busy over a second; it took " + settled.toSeconds() + " s): windows of "
                + ALERT_WINDOW + " events alternate between rows drawn from the "
                + "data set and rows with `" + DriftScenarios.CREDIT_HALF_SHIFTED.split(",")[0] + ",…` (10 features "
                + "shifted), with `detectAfter` = `resolveAfter` = 1, so every window after the first raises "
                + "`drift.detected` or `drift.resolved` (the version's reference profile is made from the same data "
                + "set). Timed from just before the event that closes the window is "
                + "sent to the alert read from `" + Topics.DRIFT_ALERTS + "` (Kafka both ways, window evaluation, "
                + "the results and the alert committed through the outbox); each window's other events are processed "
                + "before its last one is sent, so the time is the close's alone. The service's own `" + PUBLISH
                + "` over the same windows (close to commit, read from its histogram buckets, so an upper bound): "
                + "p50 ≤ " + Section.f(serverP50, 1) + " ms, p99 ≤ " + Section.f(serverP99, 1) + " ms.");
        s.table(List.of("windows timed", "missed", "p50 (ms)", "p99 (ms)", "max (ms)"), List.of(List.of(
                Long.toString(latency.getTotalCount()), Integer.toString(missed), Section.f(p50, 1), Section.f(p99, 1),
                Section.f(max, 1))));
        s.goal("≥ 50,000 events/s", Section.f(warmRate, 0) + " events/s after the warm-up",
                warmRate >= THROUGHPUT_GOAL);
        s.goal("window close to alert p99 ≤ 100 ms", "p99 " + Section.f(p99, 1) + " ms over " + latency.getTotalCount()
                + " windows, " + missed + " missed", p99 <= ALERT_P99_GOAL_MS && missed == 0);
        return s.end();
    }

    private static void resetSettings(ServiceClient monitor) {
        try {
            monitor.delete("/api/v1/monitoring/" + MODEL + "/settings");
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /**
     * A version with the champion's contract (artifact, feature refs, encodings) and a reference
     * profile made from the whole German Credit table, the data {@link EventMaker} samples.
     * The champion's own profile will not do: after a retraining it describes the drifted data it
     * was retrained on, and every undrifted window would then look drifted.
     */
    private static int registerVersion(RegistryClient registry, Seed.Champion champion, ReferenceProfile profile)
            throws Exception {
        registry.ensureModel(MODEL, "Benchmark data: the drift monitor's input");
        JsonNode v = champion.version();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("description", "drift benchmark version");
        metadata.put("task", v.path("task").asText());
        metadata.put("labels", v.path("labels"));
        metadata.put("positiveLabel", v.path("positiveLabel").asText());
        metadata.put("featureRefs", v.path("featureRefs"));
        metadata.put("encodings", v.path("encodings"));
        metadata.put("referenceProfile", profile);
        return registry.registerVersion(MODEL, champion.onnx(), EventJson.mapper().writeValueAsBytes(metadata))
                .path("version").asInt();
    }

    /** Prediction events from German Credit rows, optionally with the 10-feature shift applied. */
    static final class EventMaker {
        private final Table table;
        private final NumericStats stats;
        private final List<DriftSpec> drifts = DriftSpec.parseAll(DriftScenarios.CREDIT_HALF_SHIFTED);
        private final SplittableRandom random;
        private final int label;

        EventMaker(Table table, long seed) {
            this.table = table;
            this.stats = NumericStats.fit(table);
            this.random = new SplittableRandom(seed);
            this.label = table.indexOf("class");
        }

        byte[] event(int version, boolean drifted) {
            Object[] values = table.rows().get(random.nextInt(table.size()));
            Map<String, Object> features = new HashMap<>();
            for (int c = 0; c < values.length; c++) {
                if (c != label) {
                    features.put(table.columns().get(c).name(), values[c]);
                }
            }
            if (drifted) {
                for (DriftSpec d : drifts) {
                    double std = table.column(d.feature()).isNumeric() ? stats.std(d.feature()) : 0;
                    features.put(d.feature(), d.apply(values[table.indexOf(d.feature())], std));
                }
            }
            double score = random.nextDouble();
            Prediction p = new Prediction(UUID.randomUUID().toString(), null, MODEL, version, "champion", Arm.CHAMPION,
                    List.of(new PredictionRow(features, Map.of("probabilities", List.of(1 - score, score)),
                            score > 0.5 ? "bad" : "good", score, null)), 1.0, Instant.now());
            return EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.PREDICTION, MODEL, "bench", p));
        }
    }

    /** Reads dataset-scope alerts of one benchmark version from the alert topic, from now on. */
    static final class AlertWatch implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final int version;

        AlertWatch(String bootstrap, int version) {
            this.version = version;
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "mlops-bench-alerts-" + UUID.randomUUID());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.DRIFT_ALERTS).forEach(i -> partitions.add(new TopicPartition(Topics.DRIFT_ALERTS, i.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** nanoTime the next matching alert of {@code type} was read, or -1 after {@code timeout}. */
        long next(EventType type, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(5))) {
                    CloudEvent<DriftAlert> event = EventJson.fromBytes(record.value(), DriftAlert.class);
                    DriftAlert a = event.data();
                    if (event.type().equals(type.type()) && MODEL.equals(a.model()) && a.version() == version
                            && a.scope() == AlertScope.DATASET) {
                        return System.nanoTime();
                    }
                }
            }
            return -1;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
