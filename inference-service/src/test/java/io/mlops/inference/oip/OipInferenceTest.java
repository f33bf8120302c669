package io.mlops.inference.oip;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.mlops.inference.support.InjectStandIn;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OipInferenceTest {

    @InjectStandIn
    RegistryStandIn registry;

    @Test
    void inferEqualsADirectOnnxRuntimeRunOnTheSameInput() throws Exception {
        String model = Serving.unique("oip");
        byte[] onnx = OnnxModels.logisticRegression(4, 2, 1);
        Serving.promote(registry, model, onnx, VersionSpec.binary(4), "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));

        float[][] rows = {{0.1f, 0.2f, 0.3f, 0.4f}, {-1f, 2f, 0.5f, 3f}, {0f, 0f, 0f, 0f}};
        float[][] expected;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, rows);
             OrtSession.Result result = session.run(Map.of("features", input))) {
            expected = (float[][]) result.get(0).getValue();
        }

        List<Float> flat = new ArrayList<>();
        for (float[] row : rows) {
            for (float v : row) {
                flat.add(v);
            }
        }
        List<Float> answered = given().contentType(ContentType.JSON)
                .body(Map.of("id", "req-1", "inputs", List.of(Map.of("name", "features", "shape", List.of(3, 4),
                        "datatype", "FP32", "data", flat))))
                .post("/v2/models/" + model + "/infer")
                .then().statusCode(200)
                .body("model_name", equalTo(model))
                .body("model_version", equalTo("1"))
                .body("id", equalTo("req-1"))
                .body("parameters.arm", equalTo("champion"))
                .body("outputs[0].name", equalTo("probabilities"))
                .body("outputs[0].datatype", equalTo("FP32"))
                .body("outputs[0].shape", equalTo(List.of(3, 2)))
                .extract().path("outputs[0].data");
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(expected[r][c], answered.get(r * 2 + c), 0f, "row " + r + " column " + c);
            }
        }

        // Nested data is the same tensor as flat data (the protocol allows both).
        List<List<Float>> nested = List.of(List.of(0.1f, 0.2f, 0.3f, 0.4f), List.of(-1f, 2f, 0.5f, 3f),
                List.of(0f, 0f, 0f, 0f));
        List<Float> fromNested = given().contentType(ContentType.JSON)
                .body(Map.of("inputs", List.of(Map.of("name", "features", "shape", List.of(3, 4), "datatype", "FP32",
                        "data", nested))))
                .post("/v2/models/" + model + "/infer")
                .then().statusCode(200).extract().path("outputs[0].data");
        assertEquals(answered, fromNested);
    }

    @Test
    void metadataReadinessAndPinnedVersionsComeFromTheLoadedSessions() {
        String model = Serving.unique("meta");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3), "staging");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));

        given().get("/v2").then().statusCode(200).body("name", equalTo("mlops-inference-service"));
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().get("/v2/models/" + model).then().statusCode(200)
                .body("name", equalTo(model))
                .body("platform", equalTo("onnxruntime_onnx"))
                .body("versions", equalTo(List.of("1")))
                .body("inputs[0].name", equalTo("features"))
                .body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", equalTo(List.of(-1, 3)))
                .body("outputs[0].name", equalTo("probabilities"))
                .body("parameters.aliases.champion", equalTo("1"));
        given().get("/v2/models/" + model + "/ready").then().statusCode(200).body("ready", equalTo(true));
        given().get("/v2/models/" + model + "/versions/1/ready").then().statusCode(200);
        // Only aliases of interest are loaded: "staging" is neither champion nor routed to.
        given().get("/v2/models/" + model + "/versions/2").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("VERSION_NOT_FOUND"));
        given().get("/v2/models/" + model + "/versions/abc/ready").then().statusCode(404);

        given().contentType(ContentType.JSON)
                .body(Map.of("inputs", List.of(Map.of("name", "features", "shape", List.of(1, 3), "datatype", "FP32",
                        "data", List.of(1, 2, 3))), "outputs", List.of(Map.of("name", "probabilities"))))
                .post("/v2/models/" + model + "/versions/1/infer")
                .then().statusCode(200)
                .body("model_version", equalTo("1"))
                .body("outputs.name", hasItems("probabilities"));
    }
}
