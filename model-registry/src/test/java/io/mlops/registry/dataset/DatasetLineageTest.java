package io.mlops.registry.dataset;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.PROBLEM;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.createModel;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DatasetLineageTest {

    @Test
    void registersDatasetVersionsIdempotentlyByDigest() {
        String name = unique("credit");
        Map<String, Object> v1 = Map.of("digest", "sha256:111", "rows", 1000, "location", "file:///credit.csv",
                "schema", Map.of("age", "INT64"), "description", "German credit");
        given().contentType(ContentType.JSON).body(v1).post(API + "/datasets/" + name + "/versions")
                .then().statusCode(201).body("version", equalTo(1)).body("schema.age", equalTo("INT64"));
        given().contentType(ContentType.JSON).body(v1).post(API + "/datasets/" + name + "/versions")
                .then().statusCode(200).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("digest", "sha256:222", "rows", 1200))
                .post(API + "/datasets/" + name + "/versions").then().statusCode(201).body("version", equalTo(2));
        given().get(API + "/datasets/" + name + "/versions").then().statusCode(200)
                .body("versions.version", equalTo(List.of(2, 1)));
        given().get(API + "/datasets/" + name + "/versions/1").then().statusCode(200).body("rows", equalTo(1000));
        given().get(API + "/datasets").then().statusCode(200).body("datasets.name", hasItem(name));
        given().get(API + "/datasets/" + name + "/versions/7").then().statusCode(404).contentType(PROBLEM);
        given().get(API + "/datasets/" + unique("none") + "/versions").then().statusCode(404);
        // Nesting the answer could not be written back (it wraps the schema a few levels deeper) is
        // refused on the way in, so no stored version can break the lists for everyone.
        String deep = "[".repeat(600) + "]".repeat(600);
        given().contentType(ContentType.JSON).body("{\"digest\":\"sha256:deep\",\"rows\":1,\"schema\":" + deep + "}")
                .post(API + "/datasets/" + name + "/versions").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().get(API + "/datasets").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("rows", -1)).post(API + "/datasets/" + name + "/versions")
                .then().statusCode(422).body("errors.field", equalTo(List.of("digest", "rows")));
        given().contentType(ContentType.JSON).body(Map.of("digest", "x", "rows", 1)).post(API + "/datasets/Bad..Name/versions")
                .then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("digest", "sha256:333", "rows", 1,
                "schema", Map.of("columns", List.of("age", "pl\u0000an")))).post(API + "/datasets/" + name + "/versions")
                .then().statusCode(422).body("errors.field", equalTo(List.of("schema.columns[1]")));
        given().get(API + "/datasets/" + name + "/versions").then().body("versions.version", equalTo(List.of(2, 1)));
    }

    @Test
    void tracesAVersionToItsRunExperimentDataAndProfile() {
        String data = unique("train");
        given().contentType(ContentType.JSON).body(Map.of("digest", "sha256:abc", "rows", 500, "location", "file:///t.csv"))
                .post(API + "/datasets/" + data + "/versions").then().statusCode(201);
        String experimentName = unique("exp");
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", experimentName))
                .post(API + "/experiments").then().statusCode(201).extract().path("id");
        String run = given().contentType(ContentType.JSON)
                .body(Map.of("experimentId", experiment, "params", Map.of("lr", "0.1"),
                        "datasets", List.of(Map.of("name", data, "digest", "sha256:abc"))))
                .post(API + "/runs").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(List.of(Map.of("key", "auc", "value", 0.88)))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(200);

        String model = unique("lineage");
        createModel(model);
        Map<String, Object> metadata = binaryMetadata(3);
        metadata.put("runId", run);
        metadata.put("trainingData", Map.of("name", data, "version", 1));
        metadata.put("referenceProfile", io.mlops.registry.version.VersionUploadTestProfiles.profile());
        upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(201)
                .body("runId", equalTo(run))
                .body("trainingData.name", equalTo(data)).body("trainingData.version", equalTo(1))
                .body("trainingData.digest", equalTo("sha256:abc")).body("trainingData.rows", equalTo(500));

        given().get(API + "/models/" + model + "/versions/1/lineage").then().statusCode(200)
                .body("model", equalTo(model))
                .body("run.id", equalTo(run))
                .body("run.params.lr", equalTo("0.1"))
                .body("run.metrics.auc", equalTo(0.88f))
                .body("run.experiment.name", equalTo(experimentName))
                .body("trainingData.location", equalTo("file:///t.csv"))
                .body("datasets[0].context", equalTo("training"))
                .body("datasets[0].dataset.digest", equalTo("sha256:abc"))
                .body("featureRefs", equalTo(List.of("customers:f0", "customers:f1", "customers:f2")))
                .body("profile.features.age.median", equalTo(43.0f))
                .body("profile.features.age.quantiles", nullValue())
                .body("profile.features.plan.top.basic", equalTo(12));
        given().queryParam("filter", "runId = '" + run + "'").get(API + "/model-versions").then().statusCode(200)
                .body("modelVersions.name", equalTo(List.of(model)));
    }
}
