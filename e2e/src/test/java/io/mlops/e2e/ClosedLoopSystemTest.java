package io.mlops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import io.mlops.cli.simulate.DriftInjector;
import io.mlops.cli.simulate.DriftScenarios;
import io.mlops.cli.simulate.DriftSpec;
import io.mlops.cli.simulate.SimulationReport;
import io.mlops.cli.simulate.TrafficPlan;
import io.mlops.cli.simulate.TrafficSimulator;
import io.mlops.cli.train.TrainingOutcome;
import io.mlops.cli.train.TrainingPipeline;
import io.mlops.cli.train.TrainingRequest;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform's loop against real processes: train through the feature store, promote, serve
 * predictions with features joined, log every prediction once, and take feedback; then close the
 * loop with {@code mlops autopilot}: one turn that promotes a retrained challenger while traffic
 * flows, and one that rolls a challenger back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClosedLoopSystemTest {

    static final String MODEL = "credit-risk";
    static final String ACTOR = "e2e";
    static final String DRIFT = DriftScenarios.CREDIT_HALF_SHIFTED;

    private Platform platform;
    private RegistryClient registry;
    private FeatureStoreClient features;
    private PredictionLog predictionLog;
    private Table credit;
    private java.time.Instant platformStarted;

    @BeforeAll
    void startPlatform() throws Exception {
        platformStarted = java.time.Instant.now();
        platform = Platform.start(Map.of());
        registry = new RegistryClient(platform.url("model-registry"), ACTOR);
        features = new FeatureStoreClient(platform.url("feature-store"), ACTOR);
        predictionLog = new PredictionLog(platform.kafkaBootstrap());
        credit = Datasets.load("credit-g");
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (predictionLog != null) {
            predictionLog.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void trainsThroughTheFeatureStoreAndRegistersAVersion() {
        TrainingOutcome outcome = train(42);

        assertEquals(1, outcome.version());
        assertTrue(outcome.metrics().get("auc") > 0.7, "held-out AUC " + outcome.metrics().get("auc"));
        JsonNode version = registry.version(MODEL, 1);
        List<String> refs = new java.util.ArrayList<>();
        version.path("featureRefs").forEach(ref -> refs.add(ref.asText()));
        assertEquals(20, refs.size());
        // The model's columns follow Tribuo's feature order (by name), read back from the trained model.
        assertEquals(refs.stream().sorted().toList(), refs);
        assertEquals("credit-applicants:age", refs.get(0));
        assertEquals(outcome.runId(), version.path("runId").asText());
    }

    @Test
    @Order(2)
    void promotedChampionIsServed() throws Exception {
        registry.setAlias(MODEL, "champion", 1);
        ServiceClient inference = new ServiceClient("inference-service", platform.url("inference-service"), ACTOR);
        awaitServed(inference, "1", Duration.ofSeconds(60));

        JsonNode answer = inference.post("/api/v1/predict/" + MODEL, Map.of("entities", Map.of("applicant_id", 42)));
        assertEquals("1", answer.path("version").asText());
        assertEquals("champion", answer.path("arm").asText());
        assertTrue(List.of("good", "bad").contains(answer.path("predictedLabel").asText()));
        assertEquals(20, answer.path("features").size(), "every feature joined from the feature store");

        // Every JVM here has just started and compiles its hot paths under the first load, which on
        // two cores stalls a service for seconds: warm the predict path up the way a rollout would
        // before it takes traffic, then check that it answers again before the measured runs.
        SimulationReport warmUp = simulate(600, 50, 10);
        assertTrue(warmUp.ok() > 0, "the warm-up got answers: " + warmUp.describeFailures());
        awaitPredictsSucceed(inference, 5, Duration.ofSeconds(30));
    }

    @Test
    @Order(3)
    void everyPredictionIsAnsweredAndLoggedExactlyOnce() throws Exception {
        SimulationReport report = simulate(2_000, 100, 11);

        assertEquals(2_000, report.ok(), "failures: " + report.describeFailures());
        assertEquals(2_000, report.feedbackSent(), "feedback accepted");
        Map<String, Integer> events = awaitEvents("sim-11-", 2_000, Duration.ofSeconds(60));
        assertEquals(2_000, events.size(), "one event per request; " + predictionLog.unreadable());
        assertTrue(events.values().stream().allMatch(count -> count == 1), "no request logged twice");
        assertTrue(events.keySet().stream().allMatch(key -> key.endsWith("/champion")));
    }

    @Test
    @Order(4)
    void injectedDriftIsFlaggedOnExactlyTheShiftedFeaturesWithOneDatasetAlert() throws Exception {
        ServiceClient monitor = new ServiceClient("drift-monitor", platform.url("drift-monitor"), ACTOR);
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        credit.columns().stream().filter(c -> !c.name().equals("class"))
                .forEach(c -> columns.put(c.name(), Map.of("threshold", 0.001)));
        // Twenty tests per window at p < 0.05 flag one feature by chance about every other window;
        // p < 0.001 per feature (a Bonferroni-style adjustment) keeps the verdict to the real shifts.
        monitor.put("/api/v1/monitoring/" + MODEL + "/settings", Map.of("windowSize", 500, "detectAfter", 1,
                "resolveAfter", 2, "datasetDriftShare", 0.5, "columns", columns));
        java.time.Instant driftStart = java.time.Instant.now();
        List<DriftSpec> drifts = DriftSpec.parseAll(DRIFT);
        DriftInjector.inject(features, "credit-applicants", "applicant_id", "class", credit, drifts);

        SimulationReport report = simulate(1_500, 100, 12);
        assertEquals(1_500, report.ok(), "failures: " + report.describeFailures());

        JsonNode drift = awaitDriftAfter(monitor, driftStart, Duration.ofSeconds(60));
        java.util.Set<String> flagged = new java.util.TreeSet<>();
        drift.path("features").forEach(f -> {
            if (f.path("drifted").asBoolean()) {
                flagged.add(f.path("feature").asText());
            }
        });
        java.util.Set<String> shifted = new java.util.TreeSet<>();
        drifts.forEach(d -> shifted.add(d.feature()));
        assertEquals(shifted, flagged);
        assertTrue(drift.path("datasetDrift").asBoolean(), drift.toString());

        JsonNode alerts = monitor.get("/api/v1/alerts?model=" + MODEL + "&from=" + driftStart);
        long datasetAlerts = 0;
        for (JsonNode alert : alerts) {
            if ("dataset".equals(alert.path("scope").asText()) && alert.path("type").asText().endsWith("drift.detected.v1")) {
                datasetAlerts++;
            }
        }
        assertEquals(1, datasetAlerts, "one dataset drift alert, however many windows drift: " + alerts);
    }

    @Test
    @Order(5)
    void autopilotRetrainsShadowsAndPromotesTheChallengerWithoutFailingAPrediction() throws Exception {
        int before = registry.aliasVersion(MODEL, "champion").getAsInt();
        // The world changes: from now on feedback contradicts whatever the champion answers.
        Background traffic = Background.start(platform.url("inference-service"), credit, 40, 21);
        // The drift of the previous test may already have degraded it; either way an alert is open.
        assertTrue(awaitDegraded(before, Duration.ofSeconds(90)), "the champion's live performance falls and the monitor says so");
        // Enough contradicted requests that they weigh in the retraining set.
        traffic.awaitSent(1_500, Duration.ofSeconds(90));

        CliOutcome autopilot = autopilot("--once", "--min-labels", "150", "--timeout", "3m", "--poll", "1s");
        Thread.sleep(3_000); // the new champion answers for a while before traffic stops
        SimulationReport during = traffic.stop();

        assertEquals(0, autopilot.exitCode(), autopilot.output());
        assertTrue(autopilot.output().contains("promoted"), autopilot.output());
        int after = registry.aliasVersion(MODEL, "champion").getAsInt();
        assertTrue(after > before, "a new version is champion: " + autopilot.output());
        JsonNode version = registry.version(MODEL, after);
        assertEquals("credit-risk-retraining", version.path("trainingData").path("name").asText());
        assertTrue(!version.path("runId").asText().isEmpty(), "registered with its run");
        assertTrue(registry.aliasVersion(MODEL, "challenger").isEmpty(), "the challenger alias is gone");
        JsonNode lastMove = registry.aliasHistory(MODEL, "champion").path("history").path(0);
        assertEquals(before, lastMove.path("from").asInt(), "the previous champion is in the alias history");
        assertEquals(after, lastMove.path("to").asInt());

        List<String> steps = registryStepsSince(after);
        assertEquals(List.of("model-version.created " + after, "alias.set challenger " + after,
                "alias.set champion " + after, "alias.deleted challenger"), steps);

        assertEquals(0, during.failed(), "no prediction failed during the swap: " + during.describeFailures());
        assertTrue(during.byVersion().containsKey(String.valueOf(before))
                && during.byVersion().containsKey(String.valueOf(after)), "answers from both versions: " + during.byVersion());
    }

    @Test
    @Order(6)
    void autopilotRollsBackAChallengerThatCannotBeatTheChampionByTheMargin() throws Exception {
        int champion = registry.aliasVersion(MODEL, "champion").getAsInt();
        Background traffic = Background.start(platform.url("inference-service"), credit, 40, 22);
        assertTrue(awaitDegraded(champion, Duration.ofSeconds(90)), "the new champion is contradicted too");

        // No log loss improves by 5: the rule cannot promote, so the trial must end in a rollback.
        CliOutcome autopilot = autopilot("--once", "--min-labels", "100", "--margin", "5", "--timeout", "3m",
                "--poll", "1s");
        SimulationReport during = traffic.stop();

        assertEquals(0, autopilot.exitCode(), autopilot.output());
        assertTrue(autopilot.output().contains("rolled back"), autopilot.output());
        assertEquals(champion, registry.aliasVersion(MODEL, "champion").getAsInt(), "the champion stays");
        assertTrue(registry.aliasVersion(MODEL, "challenger").isEmpty(), "the challenger alias is removed");
        int rejected = registry.model(MODEL).path("latestVersion").asInt();
        assertEquals(List.of("model-version.created " + rejected, "alias.set challenger " + rejected,
                "alias.deleted challenger"), registryStepsSince(rejected));
        assertEquals(0, during.failed(), "failures: " + during.describeFailures());
    }

    /** Autopilot's registry events from the creation of {@code version} on, as short strings. */
    private List<String> registryStepsSince(int version) {
        List<String> steps = new java.util.ArrayList<>();
        for (JsonNode event : RegistryEvents.of(platform.kafkaBootstrap(), MODEL)) {
            String type = event.path("type").asText();
            JsonNode data = event.path("data");
            if (type.endsWith("model-version.created.v1") && data.path("version").asInt() == version) {
                steps.clear();
                steps.add("model-version.created " + version);
            } else if (!steps.isEmpty() && type.endsWith("alias.set.v1")) {
                steps.add("alias.set " + data.path("alias").asText() + " " + data.path("version").asInt());
            } else if (!steps.isEmpty() && type.endsWith("alias.deleted.v1")) {
                steps.add("alias.deleted " + data.path("alias").asText());
            }
        }
        return steps;
    }

    /** Waits until the version's live metrics are past their limits and an alert about it is open. */
    private boolean awaitDegraded(int version, Duration timeout) throws InterruptedException {
        ServiceClient monitor = new ServiceClient("drift-monitor", platform.url("drift-monitor"), ACTOR);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode performance = monitor.get("/api/v1/performance/" + MODEL + "?version=" + version).path("versions").path(0);
            List<io.mlops.cli.autopilot.Alert> alerts = new java.util.ArrayList<>();
            monitor.get("/api/v1/alerts?model=" + MODEL + "&from=" + platformStarted)
                    .forEach(a -> alerts.add(io.mlops.cli.autopilot.Alert.of(a)));
            if (!performance.path("degraded").isEmpty()
                    && io.mlops.cli.autopilot.OpenAlerts.newestOpen(alerts, version, null).isPresent()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    record CliOutcome(int exitCode, String output) {
    }

    /** Runs the real {@code mlops} command against this platform, output captured. */
    private CliOutcome autopilot(String... options) throws java.io.IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("MLOPS_HOME", java.nio.file.Files.createTempDirectory("mlops-e2e-cli-").toString());
        env.put("MLOPS_REGISTRY_URL", platform.url("model-registry"));
        env.put("MLOPS_FEATURE_STORE_URL", platform.url("feature-store"));
        env.put("MLOPS_INFERENCE_URL", platform.url("inference-service"));
        env.put("MLOPS_MONITOR_URL", platform.url("drift-monitor"));
        env.put("MLOPS_KAFKA_BOOTSTRAP", platform.kafkaBootstrap());
        env.put("USER", ACTOR);
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = io.mlops.cli.MlopsCommand.commandLine(
                new io.mlops.cli.MlopsCommand(env, new java.util.Properties()));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        List<String> args = new java.util.ArrayList<>(List.of("autopilot"));
        args.addAll(List.of(options));
        int code = cli.execute(args.toArray(String[]::new));
        System.out.println("[autopilot]\n" + out);
        return new CliOutcome(code, out.toString());
    }

    /** Predict traffic in the background whose feedback contradicts the model's answers, until stopped. */
    private static final class Background {
        private final TrafficSimulator simulator;
        private final java.util.concurrent.CompletableFuture<SimulationReport> report = new java.util.concurrent.CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

        private Background(TrafficSimulator simulator) {
            this.simulator = simulator;
        }

        static Background start(String inferenceUrl, Table credit, int rate, long seed) {
            Background b = new Background(new TrafficSimulator(inferenceUrl, ACTOR, MODEL, "applicant_id", credit, "class")
                    .labelledBy(TrafficSimulator.CONTRADICT));
            Thread thread = new Thread(() -> {
                try {
                    b.report.complete(b.simulator.run(new TrafficPlan(MODEL, rate, Duration.ofMinutes(6),
                            Duration.ofMillis(200), 1.0, null, List.of(), seed), () -> { }, p -> b.sent.set(p.sent())));
                } catch (Throwable e) {
                    b.report.completeExceptionally(e);
                }
            }, "e2e-background-traffic");
            thread.setDaemon(true);
            thread.start();
            return b;
        }

        void awaitSent(long requests, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sent.get() < requests && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }

        SimulationReport stop() throws Exception {
            simulator.stop();
            return report.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private JsonNode awaitDriftAfter(ServiceClient monitor, java.time.Instant since, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode latest = null;
        while (System.nanoTime() < deadline) {
            latest = monitor.get("/api/v1/drift/" + MODEL);
            String start = latest.path("window").path("start").asText("");
            if (!start.isEmpty() && java.time.Instant.parse(start).isAfter(since.plusSeconds(1))
                    && latest.path("datasetDrift").asBoolean()) {
                return latest;
            }
            Thread.sleep(500);
        }
        return latest;
    }

    private TrainingOutcome train(long seed) {
        TrainingPipeline pipeline = new TrainingPipeline(registry, features, new TrainingPipeline.Progress() {
            @Override
            public void step(String message) {
                System.out.println("[train] " + message);
            }

            @Override
            public void detail(String message) {
                System.out.println("[train]   " + message);
            }
        });
        return pipeline.run(new TrainingRequest("credit-g", "class", "bad", "credit-risk", MODEL, "credit-applicants",
                "applicant", "applicant_id", 90L * 86_400, seed, 15, 0.5, 0.2));
    }

    private SimulationReport simulate(int requests, int rate, long seed) throws InterruptedException {
        TrafficSimulator simulator = new TrafficSimulator(platform.url("inference-service"), ACTOR, MODEL,
                "applicant_id", credit, "class");
        TrafficPlan plan = new TrafficPlan(MODEL, rate, Duration.ofMillis(requests * 1000L / rate),
                Duration.ofMillis(200), 1.0, null, List.of(), seed);
        return simulator.run(plan, () -> { }, progress -> { });
    }

    private Map<String, Integer> awaitEvents(String prefix, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> events = predictionLog.eventsFor(prefix);
        while (events.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            events = predictionLog.eventsFor(prefix);
        }
        return events;
    }

    /** Waits until {@code inARow} predictions in a row are answered (a breaker opened by the warm-up has closed). */
    private static void awaitPredictsSucceed(ServiceClient inference, int inARow, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int answered = 0;
        while (answered < inARow) {
            try {
                inference.post("/api/v1/predict/" + MODEL, Map.of("entities", Map.of("applicant_id", 7)));
                answered++;
            } catch (RuntimeException notYet) {
                answered = 0;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("predict did not recover after the warm-up: " + notYet.getMessage(), notYet);
                }
                Thread.sleep(500);
            }
        }
    }

    private static void awaitServed(ServiceClient inference, String version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode ready = inference.get("/v2/models/" + MODEL);
                if (version.equals(ready.path("versions").path(0).asText(null))
                        || inference.get("/v2/models/" + MODEL + "/versions/" + version + "/ready").path("ready").asBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not loaded yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("inference did not serve " + MODEL + " v" + version + " within " + timeout);
    }
}
