package io.mlops.inference.predict;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
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
import io.mlops.infra.testing.contract.Eventually;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feature-joined predict API against the feature store's real contract. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PredictTest {

    /** tenure (numeric), plan (one-hot basic/pro/max), spend (numeric): five columns. */
    static final List<String> REFS = List.of("customers:tenure", "customers@2:plan", "customers:spend");
    static final List<Encoding> ENCODINGS = List.of(new Encoding("customers@2:plan", List.of("basic", "pro", "max")));
    static final String PROFILE = """
            {"features":{"tenure":{"type":"numeric","count":100,"mean":12.5},
                         "plan":{"type":"categorical","count":40,"counts":{"basic":10,"pro":30}},
                         "spend":{"type":"numeric","count":100,"mean":40.0}}}""";
    static final Instant OBSERVED = Instant.parse("2024-05-01T12:00:00Z");

    @InjectStandIn
    RegistryStandIn registry;

    @InjectStandIn
    FeatureStoreStandIn features;

    private String model;
    private byte[] onnx;

    @BeforeEach
    void serve() {
        model = Serving.unique("churn");
        onnx = OnnxModels.logisticRegression(5, 2, 4);
        Serving.promote(registry, model, onnx, VersionSpec.binary(5).withFeatures(REFS, ENCODINGS).withProfile(PROFILE),
                "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));
        Map<String, Object> present = new HashMap<>(Map.of("customers:tenure", 10, "customers@2:plan", "pro",
                "customers:spend", 55.5));
        features.put(1001, present, OBSERVED);
        Map<String, Object> noSpend = new HashMap<>(present);
        noSpend.put("customers:spend", null);
        features.put(1002, noSpend, OBSERVED);
    }

    @AfterEach
    void healthyFeatureStore() {
        features.reset();
    }

    @Test
    void joinsOnlineFeaturesInOneCallAndAnswersLikeTheModel() throws Exception {
        int calls = features.requests();
        float[] expected = direct(new float[] {10f, 0f, 1f, 0f, 55.5f});
        ValidatableResponse response = predict(Map.of("entities", Map.of("customer_id", 1001), "requestId", "r-1"))
                .statusCode(200)
                .body("model", equalTo(model))
                .body("version", equalTo(1))
                .body("alias", equalTo("champion"))
                .body("arm", equalTo("champion"))
                .body("requestId", equalTo("r-1"))
                .body("predictionId", notNullValue())
                .body("features.tenure", equalTo(10))
                .body("features.plan", equalTo("pro"))
                .body("features.spend", equalTo(55.5f))
                .body("featureTimestamps.tenure", equalTo(OBSERVED.toString()))
                .body("predictedLabel", equalTo(expected[1] > expected[0] ? "yes" : "no"))
                .body("imputed", nullValue());
        assertEquals(expected[1], ((Number) response.extract().path("score")).floatValue(), 1e-6f);
        assertEquals(expected[0], ((Number) response.extract().path("probabilities.no")).floatValue(), 1e-6f);
        assertEquals(calls + 1, features.requests(), "exactly one feature-store call per prediction");
    }

    @Test
    void overridesReplaceFeaturesAndUnknownCategoriesEncodeAsZeros() throws Exception {
        float[] max = direct(new float[] {10f, 0f, 0f, 1f, 55.5f});
        float score = ((Number) predict(Map.of("entities", Map.of("customer_id", 1001),
                "features", Map.of("plan", "max"))).statusCode(200)
                .body("features.plan", equalTo("max"))
                .extract().path("score")).floatValue();
        assertEquals(max[1], score, 1e-6f);

        // A null override is no override: the value given by full reference counts.
        Map<String, Object> nullByName = new HashMap<>();
        nullByName.put("plan", null);
        nullByName.put("customers@2:plan", "max");
        assertEquals(max[1], ((Number) predict(Map.of("entities", Map.of("customer_id", 1001),
                "features", nullByName)).statusCode(200).body("features.plan", equalTo("max"))
                .extract().path("score")).floatValue(), 1e-6f);

        float[] unknown = direct(new float[] {10f, 0f, 0f, 0f, 55.5f});
        assertEquals(unknown[1], ((Number) predict(Map.of("entities", Map.of("customer_id", 1001),
                "features", Map.of("customers@2:plan", "gold"))).statusCode(200)
                .extract().path("score")).floatValue(), 1e-6f);

        // Everything given: no lookup at all, no entity needed.
        int calls = features.requests();
        predict(Map.of("features", Map.of("tenure", 1, "plan", "basic", "spend", 2.5))).statusCode(200)
                .body("featureTimestamps", equalTo(Map.of()));
        assertEquals(calls, features.requests());
    }

    @Test
    void missingFeaturesFailNamingThemOrAreImputedWhenTheDeploymentSaysSo() throws Exception {
        predict(Map.of("entities", Map.of("customer_id", 1002))).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("FEATURES_MISSING"))
                .body("detail", containsString("[spend]"))
                .body("errors.field", hasItem("features.spend"));
        predict(Map.of("entities", Map.of("customer_id", 4040))).statusCode(422)
                .body("errors.field", equalTo(List.of("features.tenure", "features.plan", "features.spend")));

        given().contentType(ContentType.JSON).body(Map.of("champion", "champion", "missingFeatures", "impute"))
                .put("/api/v1/deployments/" + model).then().statusCode(200).body("missingFeatures", equalTo("impute"));
        predict(Map.of("entities", Map.of("customer_id", 1002))).statusCode(200)
                .body("imputed", equalTo(List.of("spend")))
                .body("features.spend", equalTo(40.0f))
                .body("features.tenure", equalTo(10));
        // A missing category is no category (all its columns 0), as the trainer encodes it, not the mode.
        float[] trained = direct(new float[] {12.5f, 0f, 0f, 0f, 40f});
        try (Events.Tail tail = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            ValidatableResponse response = predict(Map.of("entities", Map.of("customer_id", 4040))).statusCode(200)
                    .body("features.plan", nullValue())
                    .body("features.tenure", equalTo(12.5f))
                    .body("imputed", equalTo(List.of("tenure", "plan", "spend")));
            assertEquals(trained[1], score(response), 1e-6f);

            // The log says what was observed: nothing, so the monitor counts these as missing.
            String id = response.extract().path("predictionId");
            Prediction logged = (Prediction) tail.until(e -> !ofPrediction(e, id).isEmpty(), Duration.ofSeconds(20))
                    .stream().filter(e -> e.data() instanceof Prediction p && p.predictionId().equals(id))
                    .findFirst().orElseThrow().data();
            Map<String, Object> row = logged.rows().get(0).features();
            assertEquals(List.of("tenure", "plan", "spend"), new ArrayList<>(row.keySet()));
            assertTrue(row.values().stream().allMatch(v -> v == null), "imputed features logged as missing: " + row);
        }
    }

    @Test
    void aFeatureStoreOutageIsAFast503AndServiceResumes() {
        features.failWith(500);
        long start = System.nanoTime();
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("UPSTREAM_UNAVAILABLE"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_000);

        features.reset();
        features.delay(5_000);
        start = System.nanoTime();
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(503)
                .body("code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("detail", containsString("in time"));
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(tookMillis < 3_000, "a hung feature store answered after " + tookMillis + " ms");

        features.reset();
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(200);
    }

    @Test
    void aFailingFeatureStoreOpensTheCircuitWhichClosesOnceItRecovers() {
        Map<String, Object> request = Map.of("entities", Map.of("customer_id", 1001));
        features.failWith(500);
        boolean open = false;
        for (int i = 0; i < 60 && !open; i++) {
            String detail = predict(request).statusCode(503).body("code", equalTo("UPSTREAM_UNAVAILABLE"))
                    .extract().path("detail");
            open = detail.contains("circuit open");
        }
        assertTrue(open, "the circuit opened after repeated failures");
        int calls = features.requests();
        predict(request).statusCode(503).body("detail", containsString("circuit open"));
        assertEquals(calls, features.requests(), "an open circuit does not call the store");

        features.reset();
        Eventually.await("the circuit closed again", Duration.ofSeconds(20),
                () -> predict(request).extract().statusCode() == 200);
        predict(request).statusCode(200);
    }

    @Test
    void theCallersTraceContextReachesTheFeatureStore() {
        features.reset();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().contentType(ContentType.JSON).header("traceparent", traceparent)
                .body(Map.of("entities", Map.of("customer_id", 1001)))
                .post("/api/v1/predict/" + model).then().statusCode(200);
        assertEquals(traceparent, features.lastTraceparent());
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(200);
        assertEquals(null, features.lastTraceparent(), "no trace context, none sent");
    }

    @Test
    void aLookupThatFailsFastIsSentOnceMoreAndASlowOneIsWaitedFor() {
        features.reset();
        int before = features.requests();
        features.failNext(1);
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(200);
        assertEquals(before + 2, features.requests(), "one failed attempt, one answered");

        // Slow but within the timeout: answered, and the store is not sent the lookup twice.
        before = features.requests();
        features.stallNext(1, 1_200);
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(200);
        assertEquals(before + 1, features.requests(), "a slow lookup is not sent again");

        // A rejection is the caller's fault: sent once, answered with its own status.
        before = features.requests();
        features.failWith(422);
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(422);
        assertEquals(before + 1, features.requests(), "a 4xx is not retried");
        features.reset();
    }

    @Test
    void badRequestsAreClear4xx() {
        predict(Map.of("entities", Map.of("customer_id", 1001), "features", Map.of("colour", "red"))).statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("features.colour"));
        predict(Map.of("entities", Map.of("customer_id", 1001), "features", Map.of("tenure", "long"))).statusCode(400)
                .body("code", equalTo("INVALID_INPUT"))
                .body("detail", containsString("'tenure' must be a number"));
        // Finite as a double, infinite as the model's FP32: refused, never a NaN score with a label.
        predict(Map.of("entities", Map.of("customer_id", 1001), "features", Map.of("tenure", 1e300))).statusCode(400)
                .body("code", equalTo("INVALID_INPUT"))
                .body("errors[0].field", equalTo("features.tenure"))
                .body("detail", containsString("outside the range of the model's FP32 input"));
        predict(Map.of("entities", Map.of("customer_id", 1001), "features", Map.of("plan", Map.of("name", "max"))))
                .statusCode(400).body("errors[0].field", equalTo("features.plan"))
                .body("detail", containsString("categorical"));
        // A number names a category by its text: none of this model's, so all zeros, not an error.
        predict(Map.of("entities", Map.of("customer_id", 1001), "features", Map.of("plan", 2.0))).statusCode(200);
        predict(Map.of()).statusCode(422).body("errors[0].field", equalTo("entities"));
        predict(Map.of("entities", Map.of("customer_id", 1001), "feature", Map.of("plan", "max"))).statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST")).body("errors[0].field", equalTo("feature"));
        predict(Map.of("entities", Map.of("customer_id", List.of(1, 2)))).statusCode(422);
        given().contentType(ContentType.JSON).body("{\"entities\":").post("/api/v1/predict/" + model)
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body(Map.of("entities", Map.of("customer_id", 1)))
                .post("/api/v1/predict/no-such-model").then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));

        String tensorsOnly = Serving.unique("tensors");
        Serving.promote(registry, tensorsOnly, OnnxModels.linearRegression(3, 1), VersionSpec.tensorsOnly(), "champion");
        Serving.awaitServing(tensorsOnly, 1, Duration.ofSeconds(15));
        given().contentType(ContentType.JSON).body(Map.of("entities", Map.of("customer_id", 1)))
                .post("/api/v1/predict/" + tensorsOnly).then().statusCode(422)
                .body("detail", containsString("/v2/models/" + tensorsOnly + "/infer"));
        // And the model still answers after all of it.
        predict(Map.of("entities", Map.of("customer_id", 1001))).statusCode(200);
    }

    @Test
    void aShadowNeverChangesTheAnswerAndRunsOnTheSameLookup() {
        Map<String, Object> request = Map.of("entities", Map.of("customer_id", 1001));
        float baseline = score(predict(request).statusCode(200));
        // A challenger that also needs a feature the store does not have.
        List<String> ghostRefs = new ArrayList<>(REFS);
        ghostRefs.add("ghosts:boo");
        int ghost = Serving.promote(registry, model, OnnxModels.logisticRegression(6, 2, 5),
                VersionSpec.binary(6).withFeatures(ghostRefs, ENCODINGS), "challenger").version();
        given().contentType(ContentType.JSON).body(Map.of("champion", "champion", "challenger", "challenger",
                "shadow", true)).put("/api/v1/deployments/" + model).then().statusCode(200);
        Serving.awaitVersion(model, "challenger", ghost, Duration.ofSeconds(15));

        double skipped = shadowSkipped();
        int calls = features.requests();
        float answered = score(predict(request).statusCode(200).body("version", equalTo(1)).body("arm", equalTo("champion")));
        assertEquals(baseline, answered, 1e-6f);
        assertEquals(skipped + 1, shadowSkipped(), 1e-9, "the shadow is skipped, not the request");
        assertEquals(calls + 2, features.requests(), "asked once more without the shadow's features");
        // An override only the shadow knows is refused, as it would be with no shadow.
        predict(Map.of("entities", Map.of("customer_id", 1001), "features", Map.of("boo", 1))).statusCode(422)
                .body("errors[0].field", equalTo("features.boo"));

        // A challenger reading another version of a view: its 'plan' and the champion's would answer
        // under one name, which the store refuses for the lookup as a whole.
        List<String> olderPlan = List.of("customers:tenure", "customers:plan", "customers:spend");
        features.declare("customers:plan");
        int clash = Serving.promote(registry, model, OnnxModels.logisticRegression(5, 2, 7),
                VersionSpec.binary(5).withFeatures(olderPlan,
                        List.of(new Encoding("customers:plan", List.of("basic", "pro", "max")))), "challenger").version();
        Serving.awaitVersion(model, "challenger", clash, Duration.ofSeconds(15));
        skipped = shadowSkipped();
        calls = features.requests();
        assertEquals(baseline, score(predict(request).statusCode(200).body("version", equalTo(1))), 1e-6f);
        assertEquals(skipped + 1, shadowSkipped(), 1e-9, "the clashing shadow is skipped, not the request");
        assertEquals(calls + 2, features.requests(), "asked once more without the shadow's features");

        // A shadow on the champion's features runs on the same single lookup, logged as its own arm.
        int twin = Serving.promote(registry, model, OnnxModels.logisticRegression(5, 2, 6),
                VersionSpec.binary(5).withFeatures(REFS, ENCODINGS), "challenger").version();
        Serving.awaitVersion(model, "challenger", twin, Duration.ofSeconds(15));
        try (Events.Tail tail = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            calls = features.requests();
            ValidatableResponse response = predict(request).statusCode(200).body("version", equalTo(1));
            assertEquals(baseline, score(response), 1e-6f);
            assertEquals(calls + 1, features.requests(), "the shadow adds no lookup");
            String id = response.extract().path("predictionId");
            List<Prediction> logged = tail.until(e -> ofPrediction(e, id).size() >= 2, Duration.ofSeconds(20))
                    .stream().filter(e -> e.data() instanceof Prediction p && p.predictionId().equals(id))
                    .map(e -> (Prediction) e.data()).toList();
            assertEquals(2, logged.size(), "one event per arm");
            assertTrue(logged.stream().anyMatch(p -> p.arm() == Arm.CHAMPION && p.version() == 1));
            assertTrue(logged.stream().anyMatch(p -> p.arm() == Arm.SHADOW && p.version() == twin));
        }
    }

    private static List<CloudEvent<?>> ofPrediction(List<CloudEvent<?>> events, String predictionId) {
        return events.stream().filter(e -> e.data() instanceof Prediction p && p.predictionId().equals(predictionId))
                .toList();
    }

    private static float score(ValidatableResponse response) {
        return ((Number) response.extract().path("score")).floatValue();
    }

    private static double shadowSkipped() {
        return Oip.metrics().lines().filter(l -> l.startsWith("mlops_inference_shadow_skipped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private ValidatableResponse predict(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/predict/" + model).then();
    }

    private float[] direct(float[] row) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, new float[][] {row});
             OrtSession.Result result = session.run(Map.of("features", input))) {
            return ((float[][]) result.get(0).getValue())[0];
        }
    }
}
