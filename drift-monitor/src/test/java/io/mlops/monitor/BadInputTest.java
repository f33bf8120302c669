package io.mlops.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
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
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Malformed events, unknown versions, duplicates, missing features and bad API requests. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void malformedPredictionsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String model = "dlq";
        register(model, 100);
        Prediction valid = Scenario.prediction(model, 1, "dlq-template", new SplittableRandom(1), Set.of());
        Map<Long, byte[]> bad = new LinkedHashMap<>();
        try (Kafka kafka = new Kafka()) {
            send(kafka, bad, "{not json".getBytes(StandardCharsets.UTF_8));
            send(kafka, bad, EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.FEEDBACK, model, "t",
                    new Feedback("x", "good", Instant.now()))));
            send(kafka, bad, EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.PREDICTION, model, "t",
                    new Prediction("dlq-v0", null, model, 0, "champion", Arm.CHAMPION, valid.rows(), 1, Instant.now()))));
            send(kafka, bad, EventJson.toBytes(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.PREDICTION, model, "t",
                    new Prediction("dlq-empty", null, model, 1, "champion", Arm.CHAMPION, List.of(), 1, Instant.now()))));
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < 100; i++) {
                kafka.prediction(Scenario.prediction(model, 1, model + "-" + i, random, Set.of()));
            }
            kafka.flush();
        }
        Eventually.await("the valid predictions after the bad ones make a window", WAIT, () -> Api.windowCount(model) == 1);
        Eventually.await("four dead letters", WAIT, () -> deadLetters(bad).size() == 4);
        for (ConsumerRecord<String, byte[]> dead : deadLetters(bad)) {
            long offset = Long.parseLong(header(dead, Topics.DLQ_HEADER_SOURCE_OFFSET));
            assertArrayEquals(bad.get(offset), dead.value(), "the original bytes are kept");
            assertEquals(Topics.INFERENCE_PREDICTIONS, header(dead, Topics.DLQ_HEADER_SOURCE_TOPIC));
            assertFalse(header(dead, Topics.DLQ_HEADER_ERROR).isBlank());
        }
        List<String> errors = deadLetters(bad).stream().map(r -> header(r, Topics.DLQ_HEADER_ERROR)).toList();
        assertTrue(errors.stream().anyMatch(e -> e.contains("not JSON")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("expected a io.mlops.inference.prediction.v1")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("data.version")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("data.rows")), errors.toString());
    }

    @Test
    void unknownVersionsAreCountedAndSkippedAfterTheRegistrySaysSo() {
        String model = "unknownver";
        register(model, 100);
        double before = skipped("unknown_version");
        try (Kafka kafka = new Kafka()) {
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 30; i++) {
                kafka.prediction(Scenario.prediction(model, 99, model + "-v99-" + i, random, Set.of()));
            }
            for (int i = 0; i < 100; i++) {
                kafka.prediction(Scenario.prediction(model, 1, model + "-" + i, random, Set.of()));
            }
            kafka.flush();
        }
        Eventually.await("the known version's window", WAIT, () -> Api.windowCount(model) == 1);
        Eventually.await("30 events of version 99 counted as skipped", WAIT, () -> skipped("unknown_version") - before == 30);
        assertTrue(RegistryStandIn.calls(model, 99) >= 1, "the registry was asked before skipping");
        given().queryParam("version", 99).get("/api/v1/drift/{model}", model).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("VERSION_NOT_FOUND"));
    }

    @Test
    void duplicatesAreDroppedButTheSamePredictionOnAnotherArmCounts() {
        String model = "dedupe";
        register(model, 100);
        SplittableRandom random = new SplittableRandom(4);
        List<Prediction> events = Scenario.predictions(model, random, 100);
        double duplicatesBefore = skipped("duplicate");
        try (Kafka kafka = new Kafka()) {
            events.subList(0, 60).forEach(kafka::prediction);
            events.subList(0, 10).forEach(kafka::prediction);
            events.subList(60, 100).forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("one window of the 100 distinct predictions", WAIT, () -> Api.windowCount(model) == 1);
            Eventually.await("nothing left over in an open window", WAIT, () -> Api.openRows(model) == 0);
            assertTrue(skipped("duplicate") - duplicatesBefore >= 10);
            events.forEach(p -> kafka.prediction(new Prediction(p.predictionId(), null, p.model(), p.version(), "shadow",
                    Arm.SHADOW, p.rows(), p.latencyMs(), p.timestamp())));
            kafka.flush();
        }
        Eventually.await("the shadow arm's copies fill a second window", WAIT, () -> Api.windowCount(model) == 2);
    }

    @Test
    void aDuplicatePredictionIsJoinedToItsLabelOnce() {
        String model = "dedupe-labels";
        register(model, 100);
        SplittableRandom random = new SplittableRandom(6);
        List<Prediction> events = Scenario.predictions(model, random, 5);
        try (Kafka kafka = new Kafka()) {
            // The labels come first and wait; each prediction then arrives twice, in separate polls.
            events.forEach(p -> kafka.feedback(new Feedback(p.predictionId(), "good", Instant.now())));
            kafka.flush();
            events.forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("the five labels joined", WAIT,
                    () -> labelsJoined(model) >= 5);
            double duplicatesBefore = skipped("duplicate");
            events.forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("the copies seen as duplicates", WAIT, () -> skipped("duplicate") - duplicatesBefore >= 5);
            // A sixth prediction and its label, joined in a later checkpoint than the copies.
            Prediction sentinel = Scenario.prediction(model, 1, model + "-sentinel", random, Set.of());
            kafka.prediction(sentinel);
            kafka.feedback(new Feedback(sentinel.predictionId(), "good", Instant.now()));
            kafka.flush();
            Eventually.await("the sixth label joined", WAIT,
                    () -> labelsJoined(model) >= 6);
        }
        assertEquals(6.0, labelsJoined(model));
    }

    @Test
    void aDuplicateOfAPredictionWhoseVersionIsStillBeingLookedUpIsJoinedOnce() {
        String model = "dedupe-pending";
        register(model, 100);
        SplittableRandom random = new SplittableRandom(8);
        List<Prediction> events = Scenario.predictions(model, random, 5);
        // With the registry away the version stays unknown, so no window can tell a copy from the original.
        RegistryStandIn.down();
        try (Kafka kafka = new Kafka()) {
            events.forEach(p -> kafka.feedback(new Feedback(p.predictionId(), "good", Instant.now())));
            kafka.flush();
            events.forEach(kafka::prediction);
            kafka.flush();
            Eventually.await("the five labels joined", WAIT,
                    () -> labelsJoined(model) >= 5);
            // The copies, in a later checkpoint, meet the labels that still wait for other arms.
            events.forEach(kafka::prediction);
            Prediction sentinel = Scenario.prediction(model, 1, model + "-sentinel", random, Set.of());
            kafka.prediction(sentinel);
            kafka.feedback(new Feedback(sentinel.predictionId(), "good", Instant.now()));
            kafka.flush();
            Eventually.await("the sentinel's label joined", WAIT,
                    () -> labelsJoined(model) >= 6);
        } finally {
            RegistryStandIn.up();
        }
        assertEquals(6.0, labelsJoined(model));
    }

    @Test
    void aFeatureMissingInSomeEventsIsAMissingRateNotDrift() {
        String model = "missing";
        register(model, 400);
        SplittableRandom random = new SplittableRandom(5);
        try (Kafka kafka = new Kafka()) {
            for (int i = 0; i < 400; i++) {
                Prediction p = Scenario.prediction(model, 1, model + "-" + i, random, Set.of());
                Map<String, Object> features = new HashMap<>(p.rows().get(0).features());
                if (i % 10 < 3) {
                    features.remove("f3");
                }
                if (i % 10 == 3) {
                    features.put("plan", null);
                }
                kafka.prediction(new Prediction(p.predictionId(), null, model, 1, "champion", Arm.CHAMPION,
                        List.of(new io.mlops.events.inference.PredictionRow(features, null, p.rows().get(0).predictedLabel(),
                                p.rows().get(0).score(), null)), 1, Instant.now()));
            }
            kafka.flush();
        }
        Eventually.await("the window", WAIT, () -> Api.windowCount(model) == 1);
        Map<String, Object> f3 = feature(model, "f3");
        assertEquals(0.3, ((Number) f3.get("missingRate")).doubleValue(), 1e-9);
        assertEquals(280, ((Number) f3.get("count")).intValue());
        assertEquals(false, f3.get("drifted"));
        assertEquals(0.1, ((Number) feature(model, "plan").get("missingRate")).doubleValue(), 1e-9);
        assertTrue(Api.metric("mlops_drift_feature_missing_rate", "model=\"missing\"", "feature=\"f3\"") > 0.29);
    }

    @Test
    void apiRequestsForUnknownModelsAre404ProblemJson() {
        for (String path : List.of("/api/v1/drift/nope", "/api/v1/drift/nope/windows", "/api/v1/performance/nope",
                "/api/v1/labelled/nope", "/api/v1/monitoring/nope")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("MODEL_NOT_FOUND")).body("instance", equalTo(path));
        }
        given().queryParam("model", "nope").get("/api/v1/alerts").then().statusCode(404)
                .body("code", equalTo("MODEL_NOT_FOUND"));
        // A name PostgreSQL cannot even compare is as unknown as any other.
        given().urlEncodingEnabled(false).get("/api/v1/drift/a%00b").then().statusCode(404)
                .body("code", equalTo("MODEL_NOT_FOUND"));
        given().queryParam("model", "a\u0000b").get("/api/v1/alerts").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"columns\":{\"a\\u0000\":{\"enabled\":false}}}")
                .put("/api/v1/monitoring/{model}/settings", "nul-column").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("columns"));
    }

    @Test
    void aNulCharacterInALabelOrAFeatureIsSetAsideAndTheStreamGoesOn() {
        String model = "nul-text";
        register(model, 100);
        SplittableRandom random = new SplittableRandom(9);
        Prediction good = Scenario.prediction(model, 1, model + "-good", random, Set.of());
        Prediction poisoned = Scenario.prediction(model, 1, model + "-poisoned", random, Set.of());
        Map<String, Object> features = new HashMap<>(poisoned.rows().get(0).features());
        features.put("plan", "pro\u0000");
        try (Kafka kafka = new Kafka()) {
            kafka.feedback(new Feedback(good.predictionId(), "bad\u0000label", Instant.now()));
            kafka.prediction(new Prediction(poisoned.predictionId(), null, model, 1, "champion", Arm.CHAMPION,
                    List.of(new io.mlops.events.inference.PredictionRow(features, null, poisoned.rows().get(0).predictedLabel(),
                            poisoned.rows().get(0).score(), null)), 1, Instant.now()));
            kafka.prediction(good);
            kafka.feedback(new Feedback(good.predictionId(), "good", Instant.now()));
            kafka.flush();
            Eventually.await("the clean label joined after the poisoned records", WAIT,
                    () -> labelsJoined(model) >= 1);
        }
        assertEquals(1.0, labelsJoined(model));
        given().get("/api/v1/labelled/{model}", model).then().statusCode(200);
    }

    @Test
    void badParametersAndSettingsAreClientErrors() {
        given().queryParam("from", "yesterday").get("/api/v1/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_INPUT"))
                .body("errors.field", hasItem("from"));
        given().queryParam("from", "2030-01-01T00:00:00Z").queryParam("to", "2020-01-01T00:00:00Z")
                .get("/api/v1/alerts").then().statusCode(400).body("errors.field", hasItem("to"));
        given().queryParam("limit", 0).get("/api/v1/alerts").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().contentType(ContentType.JSON).body("{\"windowSize\": 0}").put("/api/v1/monitoring/somemodel/settings")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body("{\"columns\": {\"age\": {\"method\": \"bogus\"}}}")
                .put("/api/v1/monitoring/somemodel/settings").then().statusCode(422)
                .body("errors.field", hasItem("columns.age.method"));
        given().contentType(ContentType.JSON).body("{\"categoricalMethod\": \"ks\"}")
                .put("/api/v1/monitoring/somemodel/settings").then().statusCode(422)
                .body("errors.field", hasItem("categoricalMethod"));
        given().contentType(ContentType.JSON).body("{\"windowSize\": \"many\"}").put("/api/v1/monitoring/somemodel/settings")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("{\"windowSze\": 10}").put("/api/v1/monitoring/somemodel/settings")
                .then().statusCode(400).body("errors.field", hasItem("windowSze"));
        given().contentType(ContentType.JSON).body("{\"windowSize\": 10}").put("/api/v1/monitoring/Bad Name/settings")
                .then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
        given().contentType(ContentType.JSON).body("{\"windowSize\": 1.5}").put("/api/v1/monitoring/somemodel/settings")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("null").put("/api/v1/monitoring/somemodel/settings")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("{\"columns\": {\"age\": {\"method\": \"ks\", \"threshold\": 5}},"
                        + " \"performance\": {\"minimums\": {\"rmse\": 5, \"accuracy\": 2}}}")
                .put("/api/v1/monitoring/somemodel/settings").then().statusCode(422)
                .body("errors.field", hasItems("columns.age.threshold", "performance.minimums.rmse",
                        "performance.minimums.accuracy"));
        // Against the default minRows (30) too, not only one sent in the same body.
        for (String body : List.of("{\"windowSize\": 100, \"minRows\": 5000}", "{\"windowSize\": 20}")) {
            given().contentType(ContentType.JSON).body(body).put("/api/v1/monitoring/somemodel/settings")
                    .then().statusCode(422).body("errors.field", hasItem("minRows"));
        }
        given().get("/api/v1/monitoring/somemodel/settings").then().statusCode(200).body("effective.windowSize", equalTo(1000));
        // A column set to null is no override, not an error naming a NullPointerException.
        given().contentType(ContentType.JSON).body("{\"columns\": {\"age\": null}, \"windowSize\": 500}")
                .put("/api/v1/monitoring/nullcolumn/settings").then().statusCode(200)
                .body("effective.windowSize", equalTo(500));
        given().delete("/api/v1/monitoring/nullcolumn/settings").then().statusCode(204);
        given().queryParam("to", "+300000-01-01T00:00:00Z").get("/api/v1/alerts").then().statusCode(400)
                .body("errors.field", hasItem("to"));
        given().queryParam("to", "+300000-01-01T00:00:00Z").get("/api/v1/labelled/somemodel").then().statusCode(400)
                .body("errors.field", hasItem("to"));
    }

    static void register(String model, int windowSize) {
        given().contentType(ContentType.JSON).body(Map.of("windowSize", windowSize))
                .put("/api/v1/monitoring/{model}/settings", model).then().statusCode(200)
                .body("effective.windowSize", equalTo(windowSize));
        ModelVersion v = RegistryStandIn.version(model, 1, Map.of());
        RegistryStandIn.register(v, Scenario.profile(3, 500));
    }


    private static double labelsJoined(String model) {
        return Api.metric("mlops_drift_labels_joined_total", "model=\"" + model + "\"");
    }

    static double skipped(String reason) {
        double v = Api.metric("mlops_drift_events_skipped_total", "reason=\"" + reason + "\"");
        return Double.isNaN(v) ? 0 : v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> feature(String model, String name) {
        List<Map<String, Object>> features = (List<Map<String, Object>>) Api.windows(model).get(0).get("features");
        return features.stream().filter(f -> name.equals(f.get("feature"))).findFirst().orElseThrow();
    }

    private static void send(Kafka kafka, Map<Long, byte[]> sent, byte[] value) {
        sent.put(kafka.raw(Topics.INFERENCE_PREDICTIONS, "dlq", value), value);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(Map<Long, byte[]> sent) {
        return Kafka.readAll(Topics.INFERENCE_PREDICTIONS_DLQ, r -> "dlq".equals(r.key())
                && sent.containsKey(Long.parseLong(header(r, Topics.DLQ_HEADER_SOURCE_OFFSET))));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
