package io.mlops.registry.alias;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.PROBLEM;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.mlops.registry.support.Registry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AliasResourceTest {

    @Test
    void setsMovesResolvesAndDeletesAnAliasWithHistory() {
        String model = unique("promo");
        Registry.modelWithVersion(model);
        upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);

        String etag = given().contentType(ContentType.JSON).header("X-Actor", "alice").body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion")
                .then().statusCode(200).header("ETag", notNullValue())
                .body("version", equalTo(1)).body("aliases", equalTo(List.of("champion")))
                .extract().header("ETag");
        given().get(API + "/models/" + model + "@champion").then().statusCode(200).body("version", equalTo(1));
        given().get(API + "/models/" + model + "/aliases/champion").then().statusCode(200).body("name", equalTo(model));
        given().get(API + "/models/" + model).then().body("aliases", equalTo(Map.of("champion", 1)));

        given().contentType(ContentType.JSON).header("X-Actor", "bob").header("If-Match", etag).body(Map.of("version", 2))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200).body("version", equalTo(2));
        // The tag alice read is stale now.
        given().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("CONFLICT"));
        given().get(API + "/models/" + model + "@champion").then().body("version", equalTo(2));
        given().get(API + "/models/" + model + "/versions/1").then().body("aliases", equalTo(List.of()));

        given().header("X-Actor", "carol").delete(API + "/models/" + model + "/aliases/champion").then().statusCode(204);
        given().get(API + "/models/" + model + "@champion").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("NOT_FOUND"));

        given().get(API + "/models/" + model + "/aliases/champion/history").then().statusCode(200)
                .body("history", hasSize(3))
                .body("current", nullValue())
                .body("history[0].from", equalTo(2)).body("history[0].to", nullValue())
                .body("history[0].changedBy", equalTo("carol"))
                .body("history[1].from", equalTo(1)).body("history[1].to", equalTo(2))
                .body("history[1].changedBy", equalTo("bob"))
                .body("history[2].from", nullValue()).body("history[2].to", equalTo(1))
                .body("history[2].changedAt", notNullValue());
    }

    @Test
    void anAliasDeletedAndSetAgainNeverRepeatsAnOldETag() {
        String model = unique("aba");
        Registry.modelWithVersion(model);
        upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);
        String first = given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200).extract().header("ETag");
        given().delete(API + "/models/" + model + "/aliases/champion").then().statusCode(204);
        String second = given().contentType(ContentType.JSON).body(Map.of("version", 2))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200).extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
        // A client that read the first alias must not move the second one.
        given().contentType(ContentType.JSON).header("If-Match", first).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(409);
        // If-Match compares strongly: the weak form of the current tag does not match.
        given().contentType(ContentType.JSON).header("If-Match", "W/" + second).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(409);
        given().get(API + "/models/" + model + "@champion").then().body("version", equalTo(2));
    }

    @Test
    void refusesAliasesToMissingArchivedOrOtherModelsVersions() {
        String model = unique("guard");
        String other = unique("other");
        Registry.modelWithVersion(model);
        Registry.modelWithVersion(other);
        upload(other, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);

        // Version 2 exists only in the other model.
        given().contentType(ContentType.JSON).body(Map.of("version", 2)).put(API + "/models/" + model + "/aliases/champion")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("VERSION_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(Map.of("status", "ARCHIVED")).patch(API + "/models/" + model + "/versions/1")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).put(API + "/models/" + model + "/aliases/champion")
                .then().statusCode(409).body("code", equalTo("CONFLICT")).body("detail", containsString("ARCHIVED"));
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).put(API + "/models/" + model + "/aliases/Bad Alias")
                .then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body(Map.of()).put(API + "/models/" + other + "/aliases/champion")
                .then().statusCode(422).body("errors[0].field", equalTo("version"));
        // A fraction is never truncated to some version nobody asked for.
        given().contentType(ContentType.JSON).body("{\"version\": 1.5}").put(API + "/models/" + other + "/aliases/champion")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"))
                .body("errors[0].field", equalTo("version"));
        given().get(API + "/models/" + other).then().body("aliases", equalTo(Map.of()));
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).put(API + "/models/" + unique("nope") + "/aliases/x")
                .then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
        given().get(API + "/models/" + model).then().body("aliases", equalTo(Map.of()));
    }

    @Test
    void protectsAliasedVersionsFromArchivalAndDeletion() {
        String model = unique("protect");
        Registry.modelWithVersion(model);
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).put(API + "/models/" + model + "/aliases/champion")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("status", "ARCHIVED")).patch(API + "/models/" + model + "/versions/1")
                .then().statusCode(409).body("code", equalTo("CONFLICT")).body("detail", containsString("champion"));
        given().delete(API + "/models/" + model + "/versions/1").then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().get(API + "/models/" + model + "/versions/1").then().statusCode(200).body("status", equalTo("READY"));
    }

    @Test
    void concurrentMovesNeverTearTheAlias() throws Exception {
        String model = unique("race");
        Registry.modelWithVersion(model);
        for (int i = 0; i < 3; i++) {
            upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> moves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int version = 1 + i % 4;
            moves.add(() -> given().contentType(ContentType.JSON).body(Map.of("version", version))
                    .put(API + "/models/" + model + "/aliases/champion").then().extract().statusCode());
        }
        List<Future<Integer>> results = pool.invokeAll(moves);
        pool.shutdown();
        for (Future<Integer> result : results) {
            assertEquals(200, result.get());
        }
        int current = given().get(API + "/models/" + model + "@champion").then().statusCode(200).extract().path("version");
        List<Map<String, Object>> history = given().get(API + "/models/" + model + "/aliases/champion/history")
                .then().statusCode(200).extract().path("history");
        assertEquals(current, history.get(0).get("to"), "the newest history entry is where the alias points");
        for (int i = 0; i + 1 < history.size(); i++) {
            assertEquals(history.get(i + 1).get("to"), history.get(i).get("from"), "history is an unbroken chain");
        }
        List<Integer> aliased = new ArrayList<>();
        for (int v = 1; v <= 4; v++) {
            List<String> aliases = given().get(API + "/models/" + model + "/versions/" + v).then().extract().path("aliases");
            if (aliases.contains("champion")) {
                aliased.add(v);
            }
        }
        assertEquals(List.of(current), aliased, "exactly one version carries the alias");
        assertTrue(history.size() <= 40);
    }
}
