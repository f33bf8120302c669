package io.mlops.inference.predictionlog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.registry.Encoding;
import io.mlops.inference.support.Events;
import io.mlops.inference.support.FeatureStoreStandIn;
import io.mlops.inference.support.InjectStandIn;
import io.mlops.inference.support.Oip;
import io.mlops.inference.support.OnnxModels;
import io.mlops.inference.support.RegistryStandIn;
import io.mlops.inference.support.Serving;
import io.mlops.inference.support.StandInsResource;
import io.mlops.inference.support.VersionSpec;
import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every answered request is logged once per arm, with the lineage and the record drift monitoring reads. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PredictionEventsTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final List<String> REFS = List.of("accounts:age", "accounts:plan");
    private static final List<Encoding> ENCODINGS = List.of(new Encoding("accounts:plan", List.of("a", "b")));

    @InjectStandIn
    RegistryStandIn registry;

    @InjectStandIn
    FeatureStoreStandIn features;

    @Test
    void tensorRequestsAreLoggedOncePerRequestWithNamedRawFeatures() {
        String model = Serving.unique("logged");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1),
                VersionSpec.binary(3).withFeatures(REFS, ENCODINGS), "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));

        int requests = 20;
        Map<String, String> predictionIds = new HashMap<>();
        try (Events.Tail tail = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            for (int i = 0; i < requests; i++) {
                String id = "oip-" + i;
                Map<String, Object> body = Map.of("id", id, "inputs", List.of(Oip.tensor("features", List.of(2, 3), "FP32",
                        List.of(30.1, 0, 1, 41, 1, 0))));
                String predictionId = given().contentType(ContentType.JSON).header("traceparent", TRACEPARENT)
                        .header("X-Actor", "events-test").body(body).post("/v2/models/" + model + "/infer")
                        .then().statusCode(200).extract().path("parameters.prediction_id");
                predictionIds.put(predictionId, id);
            }
            List<CloudEvent<?>> events = settled(tail, model, requests);
            assertEquals(requests, events.size(), "one event per request");
            for (CloudEvent<?> event : events) {
                Prediction p = (Prediction) event.data();
                assertEquals(TRACEPARENT, event.traceparent());
                assertEquals("events-test", event.actor());
                assertEquals("io.mlops.inference.prediction.v1", event.type());
                assertEquals(predictionIds.get(p.predictionId()), p.requestId());
                assertEquals(Arm.CHAMPION, p.arm());
                assertEquals("champion", p.alias());
                assertEquals(1, p.version());
                assertEquals(2, p.rows().size(), "a batch of two rows is two observations");
                PredictionRow first = p.rows().get(0);
                // As sent: the FP32 30.1 widened to a double would read 30.100000381469727.
                assertEquals(30.1, ((Number) first.features().get("age")).doubleValue());
                assertEquals("b", first.features().get("plan"));
                assertEquals("a", p.rows().get(1).features().get("plan"));
                List<?> probabilities = (List<?>) first.outputs().get("probabilities");
                assertEquals(2, probabilities.size());
                assertEquals(((Number) probabilities.get(1)).doubleValue(), first.score(), 1e-6);
                assertTrue(List.of("no", "yes").contains(first.predictedLabel()));
                assertNull(first.featureTimestamps());
            }
        }
    }

    @Test
    void choosingWhichOutputsComeBackLeavesTheLoggedScoreAndLabel() {
        String model = Serving.unique("chosen");
        Serving.promote(registry, model, OnnxModels.logisticRegressionWithLogits(3, 2, 1), VersionSpec.binary(3),
                "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));
        try (Events.Tail tail = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            Map<String, Object> body = Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 3), "FP32",
                    List.of(0.5, 1, 2))), "outputs", List.of(Map.of("name", "logits")));
            given().contentType(ContentType.JSON).body(body).post("/v2/models/" + model + "/infer").then()
                    .statusCode(200)
                    .body("outputs.name", org.hamcrest.Matchers.equalTo(List.of("logits")));
            PredictionRow row = ((Prediction) settled(tail, model, 1).get(0).data()).rows().get(0);
            assertNotNull(row.score(), "the score is read from the probabilities the client did not ask for");
            assertTrue(List.of("no", "yes").contains(row.predictedLabel()));
            List<?> probabilities = (List<?>) row.outputs().get("probabilities");
            assertEquals(((Number) probabilities.get(1)).doubleValue(), row.score(), 1e-6);
        }
    }

    @Test
    void featureJoinedPredictionsAreLoggedOncePerArmTheyRanOn() {
        String model = Serving.unique("split");
        VersionSpec spec = VersionSpec.binary(3).withFeatures(REFS, ENCODINGS);
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), spec, "champion");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 2), spec, "challenger");
        Instant observed = Instant.parse("2024-06-01T08:00:00Z");
        features.put("acct-7", Map.of("accounts:age", 52, "accounts:plan", "a"), observed);
        given().contentType(ContentType.JSON).body(Map.of("challenger", "challenger", "challengerPercent", 50))
                .put("/api/v1/deployments/" + model).then().statusCode(200);
        Serving.awaitVersion(model, "challenger", 2, Duration.ofSeconds(15));

        int requests = 30;
        Map<String, String> armOf = new HashMap<>();
        try (Events.Tail tail = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            for (int i = 0; i < requests; i++) {
                var response = given().contentType(ContentType.JSON).header("X-Actor", "  predict-test ")
                        .body(Map.of("entities", Map.of("account_id", "acct-7"), "requestId", "p-" + i))
                        .post("/api/v1/predict/" + model).then().statusCode(200).extract();
                armOf.put(response.path("predictionId"), response.path("arm"));
            }
            assertTrue(armOf.containsValue("champion") && armOf.containsValue("challenger"), armOf.toString());
            List<CloudEvent<?>> events = settled(tail, model, requests);
            assertEquals(requests, events.size());
            for (CloudEvent<?> event : events) {
                Prediction p = (Prediction) event.data();
                assertEquals(armOf.get(p.predictionId()), p.arm().wireName(), "logged on the arm that answered");
                assertEquals("predict-test", event.actor(), "X-Actor, trimmed");
                assertEquals(p.arm() == Arm.CHALLENGER ? 2 : 1, p.version());
                PredictionRow row = p.rows().get(0);
                assertEquals(52, ((Number) row.features().get("age")).intValue());
                assertEquals("a", row.features().get("plan"));
                assertEquals(observed, row.featureTimestamps().get("age"));
                assertNotNull(row.score());
                assertTrue(p.latencyMs() > 0);
            }
        }
    }

    private static List<CloudEvent<?>> settled(Events.Tail tail, String model, int expected) {
        tail.until(e -> ofModel(e, model).size() >= expected, Duration.ofSeconds(30));
        // Keep reading a little: a duplicate would arrive now.
        return ofModel(tail.settle(Duration.ofSeconds(1)), model);
    }

    private static List<CloudEvent<?>> ofModel(List<CloudEvent<?>> events, String model) {
        return events.stream().filter(e -> model.equals(e.subject())).toList();
    }
}
