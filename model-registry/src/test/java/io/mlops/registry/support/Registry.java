package io.mlops.registry.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * REST fixtures shared by the tests. The database is shared by every test of the JVM, so each
 * test makes its own names with {@link #unique(String)} instead of cleaning up.
 */
public final class Registry {

    public static final String API = "/api/v1";
    public static final String PROBLEM = "application/problem+json";

    private Registry() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    public static RequestSpecification as(String actor) {
        return given().header("X-Actor", actor);
    }

    public static void createModel(String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "description", "test model"))
                .post(API + "/models").then().statusCode(201);
    }

    /** Metadata of a binary classifier over {@code features} numeric features. */
    public static Map<String, Object> binaryMetadata(int features) {
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < features; i++) {
            refs.add("customers:f" + i);
        }
        return new java.util.LinkedHashMap<>(Map.of(
                "task", "BINARY_CLASSIFICATION",
                "labels", List.of("no", "yes"),
                "positiveLabel", "yes",
                "featureRefs", refs,
                "metrics", Map.of("auc", 0.81),
                "params", Map.of("lr", "0.1"),
                "tags", Map.of("team", "risk")));
    }

    public static ValidatableResponse upload(String model, byte[] artifact, Object metadata) {
        return given()
                .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
                .multiPart("metadata", Json.write(metadata), "application/json")
                .post(API + "/models/" + model + "/versions").then();
    }

    /** Creates a model and uploads one valid 3-feature binary classifier; returns the version number. */
    public static int modelWithVersion(String model) {
        createModel(model);
        return upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3))
                .statusCode(201).extract().path("version");
    }

    public static String runId() {
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", unique("exp")))
                .post(API + "/experiments").then().statusCode(201).extract().path("id");
        return given().contentType(ContentType.JSON).body(Map.of("experimentId", experiment, "name", "r-" + UUID.randomUUID()))
                .post(API + "/runs").then().statusCode(201).extract().path("id");
    }
}
