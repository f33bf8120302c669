package io.mlops.registry.model;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.PROBLEM;
import static io.mlops.registry.support.Registry.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.Registry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ModelResourceTest {

    @Test
    void createsAndReadsAModelWithLocationAndEtag() {
        String name = unique("churn");
        given().contentType(ContentType.JSON).header("X-Actor", "alice")
                .body(Map.of("name", name, "description", "Churn model", "tags", Map.of("team", "risk")))
                .post(API + "/models")
                .then().statusCode(201)
                .header("Location", containsString(API + "/models/" + name))
                .body("name", equalTo(name))
                .body("description", equalTo("Churn model"))
                .body("tags.team", equalTo("risk"))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("latestVersion", nullValue())
                .body("aliases", equalTo(Map.of()));

        given().get(API + "/models/" + name)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo(name))
                .body("tags", equalTo(Map.of("team", "risk")));
    }

    @Test
    void refusesADuplicateName() {
        String name = unique("dup");
        Registry.createModel(name);
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post(API + "/models")
                .then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("MODEL_ALREADY_EXISTS"))
                .body("detail", containsString(name));
    }

    @Test
    void refusesNamesOutsideThePattern() {
        for (String bad : List.of("Churn", "1churn", "../etc", "a/b", "", "x".repeat(64), "churn model")) {
            given().contentType(ContentType.JSON).body(Map.of("name", bad)).post(API + "/models")
                    .then().statusCode(422).contentType(PROBLEM)
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors.field", hasItem("name"));
        }
        given().get(API + "/models/..%2F..%2Fetc").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        given().get(API + "/models/" + unique("missing"))
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("MODEL_NOT_FOUND"));
    }

    @Test
    void aNulInAPathOrQueryIsAClientErrorNotAServerError() {
        for (String path : List.of("/models/a%00b", "/models/a%00b/versions", "/models/x@a%00b",
                "/datasets/a%00b/versions", "/experiments?name=a%00b")) {
            given().urlEncodingEnabled(false).get(API + path).then().statusCode(422).contentType(PROBLEM)
                    .body("code", equalTo("VALIDATION_FAILED")).body("detail", containsString("NUL"));
        }
        // Half a surrogate pair has no UTF-8 form: stored, it would read back as "?".
        String name = unique("surrogate");
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"description\":\"a\\ud800b\"}")
                .post(API + "/models").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("MALFORMED_REQUEST")).body("errors[0].field", equalTo("description"));
        given().get(API + "/models/" + name).then().statusCode(404);
    }

    @Test
    void patchesDescriptionAndTagsAsAMergePatchGuardedByIfMatch() {
        String name = unique("patch");
        given().contentType(ContentType.JSON).body(Map.of("name", name, "tags", Map.of("a", "1", "b", "2")))
                .post(API + "/models").then().statusCode(201);
        String etag = given().get(API + "/models/" + name).then().extract().header("ETag");

        given().contentType(ContentType.JSON).header("If-Match", etag).header("X-Actor", "bob")
                .body("{\"description\":\"new\",\"tags\":{\"a\":\"10\",\"b\":null,\"c\":\"3\"}}")
                .patch(API + "/models/" + name)
                .then().statusCode(200)
                .body("description", equalTo("new"))
                .body("tags", equalTo(Map.of("a", "10", "c", "3")));

        // The old ETag is stale now.
        given().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("description", "lost update"))
                .patch(API + "/models/" + name)
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("CONFLICT"));
        given().get(API + "/models/" + name).then().body("description", equalTo("new"));

        given().contentType(ContentType.JSON).body(Map.of("status", "READY"))
                .patch(API + "/models/" + name)
                .then().statusCode(422).body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("status"));
        // A merge patch is read as strictly as a create: half a surrogate pair is not stored as "?".
        given().contentType(ContentType.JSON).body("{\"description\":\"a\\ud800\"}")
                .patch(API + "/models/" + name)
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().get(API + "/models/" + name).then().body("description", equalTo("new"));
    }

    @Test
    void refusesOversizedTags() {
        String name = unique("tags");
        Registry.createModel(name);
        given().contentType(ContentType.JSON).body(Map.of("tags", Map.of("note", "x".repeat(5001))))
                .patch(API + "/models/" + name)
                .then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("tags.note"))
                .body("errors[0].message", containsString("5000"));

        String tenMegabytes = "{\"tags\":{\"big\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}";
        given().contentType(ContentType.JSON).body(tenMegabytes).patch(API + "/models/" + name)
                .then().statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("detail", containsString("limit"));
        given().get(API + "/models/" + name).then().body("tags", equalTo(Map.of()));
    }

    @Test
    void refusesAChunkedJsonBodyWhichCouldOutgrowTheHeap() throws Exception {
        String name = unique("chunked");
        byte[] body = ("{\"name\":\"" + name + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // From a stream, the client cannot know the length and sends the body chunked.
        for (var version : java.net.http.HttpClient.Version.values()) {
            var response = java.net.http.HttpClient.newBuilder().version(version).build().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + API + "/models"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(411, response.statusCode(), version.name());
            assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("\"code\":\"MALFORMED_REQUEST\""), response.body());
        }
        given().get(API + "/models/" + name).then().statusCode(404);
    }

    @Test
    void listsWithFilterOrderAndOpaquePages() {
        String prefix = unique("page");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", prefix + "-" + i, "tags", Map.of("team", i % 2 == 0 ? "even" : "odd")))
                    .post(API + "/models").then().statusCode(201);
        }
        var first = given().queryParam("filter", "name LIKE '" + prefix + "-%' AND tags.team = 'even'")
                .queryParam("orderBy", "name DESC").queryParam("pageSize", 2)
                .get(API + "/models").then().statusCode(200)
                .body("models.name", equalTo(List.of(prefix + "-4", prefix + "-2")))
                .body("nextPageToken", notNullValue())
                .extract();
        given().queryParam("filter", "name LIKE '" + prefix + "-%' AND tags.team = 'even'")
                .queryParam("orderBy", "name DESC").queryParam("pageSize", 2)
                .queryParam("pageToken", first.path("nextPageToken").toString())
                .get(API + "/models").then().statusCode(200)
                .body("models.name", equalTo(List.of(prefix + "-0")))
                .body("nextPageToken", nullValue());
        // A token only fits the query it came from.
        given().queryParam("filter", "name LIKE 'other%'").queryParam("pageToken", first.path("nextPageToken").toString())
                .get(API + "/models").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void deletesAModelWithItsVersions() {
        String name = unique("del");
        Registry.modelWithVersion(name);
        Path dir = Path.of("target/test-artifacts", name);
        assertEquals(1, files(dir), "the artifact is stored under the model's name");
        given().delete(API + "/models/" + name).then().statusCode(204);
        assertEquals(0, files(dir), "deleting the model deletes its artifacts");
        given().get(API + "/models/" + name).then().statusCode(404);
        given().get(API + "/models/" + name + "/versions/1").then().statusCode(404);
    }

    @Test
    void refusesToDeleteAModelWhileAnAliasExists() {
        String name = unique("aliased");
        Registry.modelWithVersion(name);
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).put(API + "/models/" + name + "/aliases/champion")
                .then().statusCode(200);
        given().delete(API + "/models/" + name).then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("CONFLICT")).body("detail", containsString("champion"));
        given().get(API + "/models/" + name).then().statusCode(200).body("aliases.champion", equalTo(1))
                .body("latestVersion", equalTo(1));
    }

    @Test
    void answersBadRequestsWithProblemDocuments() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post(API + "/models")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("{\"name\": 42, \"tags\": [1]}").post(API + "/models")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"));
        String typo = unique("typo");
        given().contentType(ContentType.JSON).body(Map.of("name", typo, "descripton", "misspelt")).post(API + "/models")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"))
                .body("errors[0].field", equalTo("descripton"))
                .body("detail", containsString("description"));
        given().get(API + "/models/" + typo).then().statusCode(404);
        given().contentType(ContentType.TEXT).body("name=x").post(API + "/models")
                .then().statusCode(415).contentType(PROBLEM).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().get(API + "/no-such-thing").then().statusCode(404).contentType(PROBLEM).body("code", equalTo("NOT_FOUND"));
        given().put(API + "/models").then().statusCode(405).contentType(PROBLEM);
        given().accept("text/csv").get(API + "/models").then().statusCode(406).contentType(PROBLEM)
                .body("code", equalTo("NOT_ACCEPTABLE"));
        given().contentType(ContentType.JSON).post(API + "/models")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"));
    }

    private static long files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var list = Files.list(dir)) {
            return list.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readinessIncludesTheArtifactStore() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'artifact-store' }.status", equalTo("UP"));
    }

    @Test
    void listsModelsWithTheirAliasesAndLatestVersion() {
        String name = unique("list");
        Registry.modelWithVersion(name);
        given().queryParam("filter", "name = '" + name + "' AND latestVersion >= 1").get(API + "/models")
                .then().statusCode(200).body("models", hasSize(1)).body("models[0].latestVersion", equalTo(1));
    }

    @Test
    void theETagOfACreatedModelOrVersionIsTheOneToSendBack() {
        String name = unique("etag");
        String modelTag = given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post(API + "/models").then().statusCode(201).extract().header("ETag");
        assertEquals(modelTag, given().get(API + "/models/" + name).then().extract().header("ETag"));
        given().contentType(ContentType.JSON).header("If-Match", modelTag).body(Map.of("description", "first edit"))
                .patch(API + "/models/" + name).then().statusCode(200);

        String versionTag = Registry.upload(name, io.mlops.registry.support.OnnxModels.logisticRegression(3, 2),
                Registry.binaryMetadata(3)).statusCode(201).extract().header("ETag");
        assertEquals(versionTag, given().get(API + "/models/" + name + "/versions/1").then().extract().header("ETag"));
        given().contentType(ContentType.JSON).header("If-Match", versionTag).body(Map.of("description", "reviewed"))
                .patch(API + "/models/" + name + "/versions/1").then().statusCode(200);
    }
}
