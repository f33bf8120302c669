package io.mlops.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.EventJson;
import io.mlops.events.Topics;
import io.mlops.events.drift.DriftAlert;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.registry.ModelVersion;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.mlops.monitor.support.Api;
import io.mlops.monitor.support.Kafka;
import io.mlops.monitor.support.RegistryStandIn;
import io.mlops.monitor.support.RegistryStandInResource;
import io.mlops.monitor.support.Scenario;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Labels join predictions whichever comes first; live metrics match values worked out by hand; a
 * metric below the registered value minus the tolerated drop raises {@code performance.degraded}
 * once; the joined rows are served as JSON and CSV retraining data.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PerformanceTest {

    private static final String MODEL = "perf";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void labelsJoinAndLiveMetricsMatchTheHandComputedValues() {
        sendOnce();
        Eventually.await("200 labels joined", WAIT, () -> labelCount() == 200);
        JsonPath p = performance();
        assertEquals(170.0 / 200, p.getDouble("versions[0].metrics.accuracy"), 1e-12);
        assertEquals(80.0 / 100, p.getDouble("versions[0].metrics.precision"), 1e-12);
        assertEquals(80.0 / 90, p.getDouble("versions[0].metrics.recall"), 1e-12);
        // Pairs (bad, good) = 90 × 110: 80·90 wins, 80·20 + 10·90 ties at half weight.
        assertEquals((80 * 90 + 0.5 * (80 * 20 + 10 * 90)) / (90.0 * 110), p.getDouble("versions[0].metrics.auc"), 1e-12);
        assertEquals((170 * -Math.log(0.8) + 30 * -Math.log(0.2)) / 200, p.getDouble("versions[0].metrics.logLoss"), 1e-12);
        assertEquals(0.90, p.getDouble("versions[0].limits.accuracy"), 1e-12);
        assertEquals(List.of("accuracy"), p.getList("versions[0].degraded"));
        assertEquals("target", p.getString("versions[0].targetDrift.feature"));

        // Judged every few labels as they join: which other metric dipped below its limit on the way
        // depends on how the joins were batched, but accuracy, below its limit at the end, alerts once.
        Eventually.await("performance.degraded on the alert topic", WAIT, () -> !degraded("accuracy").isEmpty());
        assertEquals(1, degraded("accuracy").size(), "one alert while the metric stays degraded");
        DriftAlert alert = degraded("accuracy").get(0);
        assertEquals(0.90, alert.threshold(), 1e-12);
        assertTrue(alert.value() < 0.90);
        assertEquals(170.0 / 200, Api.metric("mlops_model_performance", "metric=\"accuracy\"", "model=\"perf\""), 1e-12);
    }

    @Test
    void joinedRowsAreServedAsJsonAndCsv() {
        sendOnce();
        Eventually.await("200 labels joined", WAIT, () -> labelCount() == 200);
        List<Map<String, Object>> rows = given().get("/api/v1/labelled/{model}", MODEL).then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getList("$");
        assertEquals(200, rows.size());
        Map<String, Object> first = rows.get(0);
        assertEquals(MODEL, first.get("model"));
        assertTrue(((Map<?, ?>) first.get("features")).containsKey("f0"));
        assertTrue(List.of("bad", "good").contains(first.get("label")));

        String csv = given().accept("text/csv").get("/api/v1/labelled/{model}", MODEL).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(201, lines.size());
        assertEquals("predictionId,version,arm,timestamp,f0,f1,f2,f3,f4,f5,f6,f7,plan,region,predictedLabel,score,label,"
                + "labelTimestamp", lines.get(0));
        assertEquals(18, lines.get(1).split(",", -1).length);

        given().queryParam("from", Instant.now().plusSeconds(3600).toString()).get("/api/v1/labelled/{model}", MODEL)
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aLabelThatIsNotOneOfTheModelsIsSkippedNotJudgedWrong() {
        String model = "perf-foreign-labels";
        RegistryStandIn.register(RegistryStandIn.version(model, 1, Map.of("accuracy", 0.95)), Scenario.profile(5, 1000));
        double skippedBefore = skippedUnknownLabels();
        SplittableRandom random = new SplittableRandom(17);
        try (Kafka kafka = new Kafka()) {
            // A first prediction makes the monitor look the version up; labels joined before it knows
            // the version's labels are judged later, from the stored rows, and not counted as they join.
            kafka.prediction(new Prediction(model + "-first", null, model, 1, "champion", Arm.CHAMPION,
                    List.of(new PredictionRow(Scenario.row(random, Set.of()), null, "bad", 0.8, null)), 3.0,
                    Instant.now()));
            kafka.flush();
            Eventually.await("the version known", WAIT, () -> {
                var known = given().get("/api/v1/performance/{model}", model);
                return known.statusCode() == 200 && !known.jsonPath().getList("versions").isEmpty();
            });
            // Ten right answers, then ten labels this classifier does not have ("BAD" for "bad", "1").
            for (int i = 0; i < 20; i++) {
                String id = model + "-" + i;
                kafka.prediction(new Prediction(id, null, model, 1, "champion", Arm.CHAMPION,
                        List.of(new PredictionRow(Scenario.row(random, Set.of()), null, "bad", 0.8, null)), 3.0,
                        Instant.now()));
                kafka.feedback(new Feedback(id, i < 10 ? "bad" : i % 2 == 0 ? "BAD" : "1", Instant.now()));
            }
            kafka.flush();
        }
        Eventually.await("ten unknown labels skipped", WAIT, () -> skippedUnknownLabels() - skippedBefore >= 10);
        Eventually.await("every label joined", WAIT, () -> given().get("/api/v1/labelled/{model}", model).then()
                .extract().jsonPath().getList("$").size() == 20);
        JsonPath p = JsonPath.from(given().get("/api/v1/performance/{model}", model).then().statusCode(200)
                .extract().asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertEquals(10, p.getInt("versions[0].labelCount"), "only the labels the model has are judged");
    }

    private static double skippedUnknownLabels() {
        double n = Api.metric("mlops_drift_events_skipped_total", "reason=\"unknown_label\"");
        return Double.isNaN(n) ? 0 : n;
    }

    private static boolean sent;

    /** Sends the scenario once for the class: both tests read the same joined rows. */
    private static synchronized void sendOnce() {
        if (sent) {
            return;
        }
        sent = true;
        given().contentType("application/json").body(Map.of("windowSize", 200, "detectAfter", 1))
                .put("/api/v1/monitoring/{model}/settings", MODEL).then().statusCode(200);
        ModelVersion v = RegistryStandIn.version(MODEL, 1, Map.of("accuracy", 0.95, "auc", 0.9));
        RegistryStandIn.register(v, Scenario.profile(5, 1000));
        SplittableRandom random = new SplittableRandom(13);
        try (Kafka kafka = new Kafka()) {
            // 100 predictions "bad" at score 0.8 (80 truly bad), 100 "good" at 0.2 (10 truly bad).
            for (int i = 0; i < 200; i++) {
                String id = MODEL + "-" + i;
                boolean predictedBad = i < 100;
                String truth = predictedBad ? (i < 80 ? "bad" : "good") : (i < 110 ? "bad" : "good");
                Feedback label = new Feedback(id, truth, Instant.now());
                if (i % 2 == 0) {
                    kafka.feedback(label);
                }
                Map<String, Object> features = Scenario.row(random, Set.of());
                kafka.prediction(new Prediction(id, null, MODEL, 1, "champion", Arm.CHAMPION,
                        List.of(new PredictionRow(features, null, predictedBad ? "bad" : "good", predictedBad ? 0.8 : 0.2, null)),
                        3.0, Instant.now()));
                if (i % 2 == 1) {
                    kafka.feedback(label);
                }
            }
            kafka.flush();
        }
    }

    private static int labelCount() {
        Number n = performance().get("versions[0].labelCount");
        return n == null ? 0 : n.intValue();
    }

    private static JsonPath performance() {
        var response = given().get("/api/v1/performance/{model}", MODEL);
        String body = response.statusCode() == 200 ? response.asString() : "{\"versions\":[{\"labelCount\":0}]}";
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static List<DriftAlert> degraded(String metric) {
        return Kafka.readAll(Topics.DRIFT_ALERTS, r -> MODEL.equals(r.key())).stream()
                .map(r -> EventJson.fromBytes(r.value()))
                .filter(e -> e.type().equals("io.mlops.performance.degraded.v1"))
                .map(e -> (DriftAlert) e.data()).filter(a -> metric.equals(a.metric())).toList();
    }
}
