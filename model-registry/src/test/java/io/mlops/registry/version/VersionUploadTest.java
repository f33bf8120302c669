package io.mlops.registry.version;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.PROBLEM;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.createModel;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.Json;
import io.mlops.registry.support.OnnxModels;
import io.mlops.registry.support.RawMultipart;
import io.mlops.registry.support.Registry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class VersionUploadTest {

    private static final Path ARTIFACTS = Path.of("target/test-artifacts");

    @Test
    void registersARealModelAndServesItBackByteIdentical() throws Exception {
        String model = unique("churn");
        createModel(model);
        byte[] onnx = OnnxModels.logisticRegression(3, 2);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx));
        Map<String, Object> metadata = binaryMetadata(3);
        metadata.put("description", "first");
        metadata.put("signature", Map.of(
                "inputs", List.of(Map.of("name", "features", "datatype", "FP32", "shape", List.of(-1, 3))),
                "outputs", List.of(Map.of("name", "probabilities", "datatype", "FP32", "shape", List.of(-1, 2)))));
        metadata.put("referenceProfile", profile());

        given().header("X-Actor", "carol")
                .multiPart("artifact", "model.onnx", onnx, "application/octet-stream")
                .multiPart("metadata", Json.write(metadata), "application/json")
                .post(API + "/models/" + model + "/versions")
                .then().statusCode(201)
                .header("Location", containsString("/models/" + model + "/versions/1"))
                .body("name", equalTo(model))
                .body("version", equalTo(1))
                .body("status", equalTo("READY"))
                .body("sha256", equalTo(sha))
                .body("sizeBytes", equalTo(onnx.length))
                .body("createdBy", equalTo("carol"))
                .body("task", equalTo("BINARY_CLASSIFICATION"))
                .body("labels", equalTo(List.of("no", "yes")))
                .body("positiveLabel", equalTo("yes"))
                .body("signature.inputs[0].name", equalTo("features"))
                .body("signature.inputs[0].datatype", equalTo("FP32"))
                .body("signature.inputs[0].shape", equalTo(List.of(-1, 3)))
                .body("signature.outputs[0].name", equalTo("probabilities"))
                .body("signature.outputs[0].shape", equalTo(List.of(-1, 2)))
                .body("featureRefs", hasSize(3))
                .body("metrics.auc", equalTo(0.81f))
                .body("params.lr", equalTo("0.1"))
                .body("aliases", equalTo(List.of()))
                .body("referenceProfile", org.hamcrest.Matchers.nullValue());

        byte[] downloaded = given().get(API + "/models/" + model + "/versions/1/artifact")
                .then().statusCode(200)
                .header("ETag", "\"" + sha + "\"")
                .contentType("application/octet-stream")
                .extract().asByteArray();
        assertArrayEquals(onnx, downloaded);

        given().header("If-None-Match", "\"" + sha + "\"").get(API + "/models/" + model + "/versions/1/artifact")
                .then().statusCode(304);

        given().get(API + "/models/" + model + "/versions/1/reference-profile")
                .then().statusCode(200)
                .body("features.age.type", equalTo("numeric"))
                .body("features.age.quantiles", hasSize(101))
                .body("features.plan.counts.basic", equalTo(12));

        given().get(API + "/models/" + model).then().body("latestVersion", equalTo(1));
        given().get(API + "/models/" + model + "/versions/latest").then().statusCode(200).body("version", equalTo(1));
        given().get(API + "/models/" + model + "/versions").then().statusCode(200)
                .body("modelVersions.version", equalTo(List.of(1)));
    }

    @Test
    void acceptsMetadataSentAsAFilePartAndRegression() {
        String model = unique("price");
        createModel(model);
        Map<String, Object> metadata = Map.of("task", "REGRESSION", "featureRefs", List.of("houses:rooms", "houses:area"));
        given().multiPart("artifact", "m.onnx", OnnxModels.linearRegression(2), "application/octet-stream")
                .multiPart("metadata", "metadata.json", Json.write(metadata).getBytes(), "application/json")
                .post(API + "/models/" + model + "/versions")
                .then().statusCode(201)
                .body("task", equalTo("REGRESSION"))
                .body("signature.outputs[0].shape", equalTo(List.of(-1, 1)));
    }

    @Test
    void expandsOneHotEncodingsWhenCountingInputColumns() {
        String model = unique("onehot");
        createModel(model);
        Map<String, Object> metadata = binaryMetadata(0);
        metadata.put("featureRefs", List.of("customers:age", "customers:plan"));
        metadata.put("encodings", List.of(Map.of("feature", "customers:plan", "oneHot", List.of("a", "b", "c"))));
        upload(model, OnnxModels.logisticRegression(4, 2), metadata).statusCode(201).body("encodings[0].oneHot", hasSize(3));
        upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(422)
                .body("code", equalTo("SIGNATURE_MISMATCH"))
                .body("detail", containsString("expand to 4 column(s)"));
    }

    @Test
    void refusesRandomAndTruncatedBytes() {
        String model = unique("broken");
        createModel(model);
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        upload(model, random, binaryMetadata(3)).statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("INVALID_ARTIFACT"));
        upload(model, OnnxModels.truncated(OnnxModels.logisticRegression(3, 2), 0.6), binaryMetadata(3))
                .statusCode(422).contentType(PROBLEM).body("code", equalTo("INVALID_ARTIFACT"));
        upload(model, new byte[0], binaryMetadata(3)).statusCode(422).body("code", equalTo("INVALID_ARTIFACT"));
        assertNothingStored(model);
    }

    @Test
    void refusesADeclaredSignatureThatDiffersFromTheModel() {
        String model = unique("sig");
        createModel(model);
        Map<String, Object> metadata = binaryMetadata(3);
        metadata.put("signature", Map.of(
                "inputs", List.of(Map.of("name", "features", "datatype", "FP64", "shape", List.of(-1, 4))),
                "outputs", List.of(Map.of("name", "probabilities", "datatype", "FP32", "shape", List.of(-1, 2)))));
        upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("SIGNATURE_MISMATCH"))
                .body("errors.field", hasItem("signature.inputs[0].shape"))
                .body("errors.field", hasItem("signature.inputs[0].datatype"));
        assertNothingStored(model);
    }

    @Test
    void refusesModelsThatBreakTheInputOutputContract() {
        String model = unique("contract");
        createModel(model);
        upload(model, OnnxModels.logisticRegression(5, 2), binaryMetadata(3)).statusCode(422)
                .body("code", equalTo("SIGNATURE_MISMATCH")).body("errors.field", hasItem("featureRefs"));
        upload(model, OnnxModels.logisticRegression(3, 3), binaryMetadata(3)).statusCode(422)
                .body("code", equalTo("SIGNATURE_MISMATCH")).body("errors.field", hasItem("labels"));
        upload(model, OnnxModels.twoInputs(3), binaryMetadata(3)).statusCode(422)
                .body("code", equalTo("SIGNATURE_MISMATCH")).body("errors.field", hasItem("signature.inputs"));
        Map<String, Object> wrongLabel = binaryMetadata(3);
        wrongLabel.put("positiveLabel", "maybe");
        upload(model, OnnxModels.logisticRegression(3, 2), wrongLabel).statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("positiveLabel"));
        Map<String, Object> noTask = binaryMetadata(3);
        noTask.remove("task");
        upload(model, OnnxModels.logisticRegression(3, 2), noTask).statusCode(422)
                .body("errors.field", hasItem("task"));
        Map<String, Object> badRef = binaryMetadata(3);
        badRef.put("featureRefs", List.of("customers:f0", "../etc:passwd", "customers:f0"));
        upload(model, OnnxModels.logisticRegression(3, 2), badRef).statusCode(422)
                .body("errors.field", hasItem("featureRefs[1]")).body("errors.field", hasItem("featureRefs[2]"));
        Map<String, Object> badProfile = binaryMetadata(3);
        badProfile.put("referenceProfile", Map.of("features", Map.of("age", Map.of("type", "numeric", "count", 3))));
        upload(model, OnnxModels.logisticRegression(3, 2), badProfile).statusCode(422)
                .body("errors.field", hasItem("referenceProfile.features.age.quantiles"));
        Map<String, Object> contradicting = binaryMetadata(3);
        contradicting.put("referenceProfile", Map.of("features", Map.of("age", Map.of("type", "numeric", "count", 1,
                "nullCount", 0, "quantiles", java.util.Collections.nCopies(101, 2.0), "sample", List.of(1, 2, 3)))));
        upload(model, OnnxModels.logisticRegression(3, 2), contradicting).statusCode(422)
                .body("errors.field", hasItem("referenceProfile.features.age.sample"));
        // PostgreSQL's text and jsonb cannot hold NUL: every field that is stored says so, not a 500.
        Map<String, Object> nulLabel = binaryMetadata(3);
        nulLabel.put("labels", List.of("no", "y\u0000"));
        nulLabel.put("positiveLabel", "y\u0000");
        nulLabel.put("metrics", Map.of("a\u0000uc", 0.8));
        upload(model, OnnxModels.logisticRegression(3, 2), nulLabel).statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("labels[1]")).body("errors.field", hasItem("positiveLabel"))
                .body("errors.field", hasItem("metrics"));
        Map<String, Object> nulCategory = binaryMetadata(3);
        nulCategory.put("referenceProfile", Map.of("features", Map.of("plan", Map.of("type", "categorical",
                "count", 3, "nullCount", 0, "counts", Map.of("a\u0000", 3)))));
        upload(model, OnnxModels.logisticRegression(3, 2), nulCategory).statusCode(422)
                .body("errors.field", hasItem("referenceProfile.features.plan.counts"));
        assertNothingStored(model);
    }

    @Test
    void refusesMalformedMultipartAndMetadata() {
        String model = unique("multipart");
        createModel(model);
        byte[] onnx = OnnxModels.logisticRegression(3, 2);
        given().multiPart("metadata", Json.write(binaryMetadata(3)), "application/json")
                .post(API + "/models/" + model + "/versions")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"))
                .body("detail", containsString("artifact"));
        given().multiPart("artifact", "m.onnx", onnx, "application/octet-stream")
                .post(API + "/models/" + model + "/versions")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("detail", containsString("metadata"));
        upload(model, onnx, "{not json").statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("MALFORMED_REQUEST")).body("detail", containsString("not valid JSON"));
        upload(model, onnx, Map.of("task", "BINARY_CLASSIFICATION", "featureRef", List.of())).statusCode(400)
                .body("errors[0].field", equalTo("metadata.featureRef"));
        upload(model, onnx, Map.of("task", "CLUSTERING")).statusCode(400).body("errors[0].field", equalTo("metadata.task"));
        byte[] cutShort = new RawMultipart().field("metadata", Json.write(binaryMetadata(3)))
                .file("artifact", "m.onnx", "application/octet-stream", onnx).unterminated();
        given().contentType(RawMultipart.CONTENT_TYPE).body(cutShort).post(API + "/models/" + model + "/versions")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType("multipart/form-data").body("no boundary at all".getBytes())
                .post(API + "/models/" + model + "/versions")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{}").post(API + "/models/" + model + "/versions")
                .then().statusCode(415).contentType(PROBLEM).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        assertNothingStored(model);
    }

    @Test
    void refusesAnOversizedArtifactWithoutLeavingAFile() {
        String model = unique("huge");
        createModel(model);
        byte[] big = new byte[(1 << 20) + 10];
        upload(model, big, binaryMetadata(3)).statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("PAYLOAD_TOO_LARGE")).body("detail", containsString("1 MiB"));
        // Far over every limit, with a Content-Length: refused before the body is read.
        byte[] wayTooBig = new RawMultipart().field("metadata", Json.write(binaryMetadata(3)))
                .file("artifact", "m.onnx", "application/octet-stream", new byte[5 << 20]).build();
        given().contentType(RawMultipart.CONTENT_TYPE).body(wayTooBig).post(API + "/models/" + model + "/versions")
                .then().statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("PAYLOAD_TOO_LARGE")).body("detail", containsString("for an upload"));
        // Metadata as a file part over its own limit (1 MiB in tests).
        String bigDescription = "{\"task\":\"REGRESSION\",\"description\":\"" + "d".repeat((1 << 20) + 1) + "\"}";
        given().multiPart("artifact", "m.onnx", OnnxModels.linearRegression(2), "application/octet-stream")
                .multiPart("metadata", "metadata.json", bigDescription.getBytes(), "application/json")
                .post(API + "/models/" + model + "/versions")
                .then().statusCode(413).contentType(PROBLEM).body("errors[0].field", equalTo("metadata"));
        assertNothingStored(model);
    }

    @Test
    void refusesOversizedTagsInMetadata() {
        String model = unique("tags");
        createModel(model);
        Map<String, Object> longTag = binaryMetadata(3);
        longTag.put("tags", Map.of("team", "t".repeat(5_001)));
        upload(model, OnnxModels.logisticRegression(3, 2), longTag).statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem(containsString("tags")));
        // 10 MB: over the metadata part's own limit (1 MiB in tests), refused before it is parsed.
        Map<String, Object> hugeTag = binaryMetadata(3);
        hugeTag.put("tags", Map.of("team", "t".repeat(10 << 20)));
        upload(model, OnnxModels.logisticRegression(3, 2), hugeTag).statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
        assertNothingStored(model);
    }

    @Test
    void refusesUnknownRunsModelsAndDatasets() {
        String model = unique("refs");
        createModel(model);
        Map<String, Object> metadata = binaryMetadata(3);
        metadata.put("runId", "0b5f2a0e-6f33-4a55-9c3e-6a6f1fd8a001");
        upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("RUN_NOT_FOUND"));
        metadata.put("runId", "not-a-run");
        upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(404).body("code", equalTo("RUN_NOT_FOUND"));
        Map<String, Object> training = binaryMetadata(3);
        training.put("trainingData", Map.of("name", "nosuchdata", "version", 1));
        upload(model, OnnxModels.logisticRegression(3, 2), training).statusCode(422)
                .body("errors.field", hasItem("trainingData"));
        // A fractional or textual version names no dataset version: refused, not truncated to 1.
        training.put("trainingData", Map.of("name", "nosuchdata", "version", 1.5));
        upload(model, OnnxModels.logisticRegression(3, 2), training).statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        training.put("trainingData", Map.of("name", "nosuchdata", "version", "1"));
        upload(model, OnnxModels.logisticRegression(3, 2), training).statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        upload(unique("ghost"), OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(404)
                .body("code", equalTo("MODEL_NOT_FOUND"));
        assertNothingStored(model);
    }

    @Test
    void patchesAndDeletesVersions() {
        String model = unique("lifecycle");
        Registry.modelWithVersion(model);
        String etag = given().get(API + "/models/" + model + "/versions/1").then().extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("description", "archived after review", "status", "ARCHIVED", "tags", Map.of("reviewed", "yes")))
                .patch(API + "/models/" + model + "/versions/1")
                .then().statusCode(200).body("status", equalTo("ARCHIVED"))
                .body("tags", equalTo(Map.of("team", "risk", "reviewed", "yes")));
        given().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("status", "READY"))
                .patch(API + "/models/" + model + "/versions/1").then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().contentType(ContentType.JSON).body(Map.of("status", "DELETED"))
                .patch(API + "/models/" + model + "/versions/1").then().statusCode(422);
        given().get(API + "/models/" + model + "/versions/abc").then().statusCode(404).body("code", equalTo("VERSION_NOT_FOUND"));
        given().get(API + "/models/" + model + "/versions/9").then().statusCode(404).body("code", equalTo("VERSION_NOT_FOUND"));
        given().delete(API + "/models/" + model + "/versions/1").then().statusCode(204);
        given().get(API + "/models/" + model + "/versions/1").then().statusCode(404);
        given().get(API + "/models/" + model + "/versions/1/artifact").then().statusCode(404).contentType(PROBLEM);
        assertNothingStored(model);
    }

    @jakarta.inject.Inject
    io.mlops.registry.artifact.OrphanArtifactSweep sweep;

    @Test
    void theOrphanSweepRemovesOldFilesNoVersionNamesAndKeepsEveryVersionsArtifact() throws Exception {
        String model = unique("orphans");
        Registry.modelWithVersion(model);
        Path kept;
        try (Stream<Path> files = Files.list(ARTIFACTS.resolve(model))) {
            kept = files.findFirst().orElseThrow();
        }
        Path stray = Files.writeString(ARTIFACTS.resolve(model).resolve(java.util.UUID.randomUUID() + ".onnx"), "left by a crash");
        Path unfinished = Files.writeString(ARTIFACTS.resolve(model).resolve(".partial-" + java.util.UUID.randomUUID()), "half");
        Path fresh = Files.writeString(ARTIFACTS.resolve(model).resolve(java.util.UUID.randomUUID() + ".onnx"), "uploading");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7_200));
        for (Path p : List.of(kept, stray, unfinished)) {
            Files.setLastModifiedTime(p, old);
        }

        List<String> removed = sweep.sweep(java.time.Instant.now());

        assertTrue(removed.contains(model + "/" + stray.getFileName()), removed.toString());
        assertTrue(removed.contains(model + "/" + unfinished.getFileName()), removed.toString());
        assertFalse(Files.exists(stray) || Files.exists(unfinished));
        assertTrue(Files.exists(kept), "the version's artifact stays");
        assertTrue(Files.exists(fresh), "a file younger than the grace may be an upload about to commit");
        given().get(API + "/models/" + model + "/versions/1/artifact").then().statusCode(200);
        Files.delete(fresh);
    }

    public static void assertNothingStored(String model) {
        given().get(API + "/models/" + model + "/versions").then().statusCode(200).body("modelVersions", hasSize(0));
        Path dir = ARTIFACTS.resolve(model);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no artifact file may stay behind for " + model);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    static Map<String, Object> profile() {
        return VersionUploadTestProfiles.profile();
    }
}
