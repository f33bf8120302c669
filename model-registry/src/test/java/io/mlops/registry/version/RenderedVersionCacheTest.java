package io.mlops.registry.version;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.mlops.registry.support.Registry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Search, version lists and {@code name@alias} serve version JSON rendered once per revision. These
 * tests change rows behind the service's back, as another replica would, and expect the change to
 * be served at once: the cache may save work, never freshness.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RenderedVersionCacheTest {

    @Inject
    DataSource dataSource;

    @Test
    void aVersionChangedByAnotherReplicaIsServedFreshByAliasAndSearch() throws SQLException {
        String model = twoVersionsChampionAtOne("fresh");
        String searchFirst = API + "/model-versions?filter=name = '" + model + "'&orderBy=version";
        // Twice each, so the second answers come from the cache.
        double hitsBefore = cacheGets("hit");
        for (int i = 0; i < 2; i++) {
            given().get(API + "/models/" + model + "@champion").then().statusCode(200).body("description", equalTo(null));
            given().get(searchFirst).then().statusCode(200).body("modelVersions[0].description", equalTo(null));
        }
        assertTrue(cacheGets("hit") >= hitsBefore + 3, "the second alias read and search were served from the cache");

        sql("UPDATE model_version SET description = 'edited elsewhere', revision = revision + 1"
                + " WHERE model_id = (SELECT id FROM model WHERE name = ?) AND version = 1", model);

        given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                .body("version", equalTo(1)).body("description", equalTo("edited elsewhere"));
        given().get(searchFirst).then().statusCode(200)
                .body("modelVersions[0].description", equalTo("edited elsewhere"))
                .body("modelVersions[1].description", equalTo(null));
        given().get(API + "/models/" + model + "/versions").then().statusCode(200)
                .body("modelVersions.description", equalTo(java.util.Arrays.asList(null, "edited elsewhere")));
    }

    @Test
    void anAliasMovedByAnotherReplicaIsResolvedToItsNewTargetWithANewETag() throws SQLException {
        String model = twoVersionsChampionAtOne("moved");
        String before = given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                .body("version", equalTo(1)).extract().header("ETag");

        // What AliasService.set writes, done directly: the alias row, then both versions' revisions.
        sql("UPDATE model_alias SET version = 2, revision = revision + 1"
                + " WHERE model_id = (SELECT id FROM model WHERE name = ?) AND alias = 'champion'", model);
        sql("UPDATE model_version SET revision = revision + 1"
                + " WHERE model_id = (SELECT id FROM model WHERE name = ?)", model);

        given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                .body("version", equalTo(2)).body("aliases", equalTo(List.of("champion")))
                .header("ETag", org.hamcrest.Matchers.not(equalTo(before)));
        given().get(API + "/model-versions?filter=name = '" + model + "'&orderBy=version").then().statusCode(200)
                .body("modelVersions[0].aliases", equalTo(List.of()))
                .body("modelVersions[1].aliases", equalTo(List.of("champion")));
    }

    @Test
    void changesThroughTheApiAreServedAtOnceAfterTheJsonWasCached() {
        String model = twoVersionsChampionAtOne("api-change");
        String search = API + "/model-versions?filter=name = '" + model + "'&orderBy=version";
        given().get(search).then().statusCode(200).body("modelVersions.aliases", equalTo(List.of(List.of("champion"),
                List.of())));
        given().get(API + "/models/" + model + "@champion").then().statusCode(200).body("tags", equalTo(Map.of("team", "risk")));

        given().contentType(ContentType.JSON).body(Map.of("description", "patched", "tags", Map.of("stage", "qa")))
                .patch(API + "/models/" + model + "/versions/1").then().statusCode(200);
        given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                .body("description", equalTo("patched")).body("tags", equalTo(Map.of("team", "risk", "stage", "qa")));

        given().contentType(ContentType.JSON).body(Map.of("version", 2))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
        given().get(search).then().statusCode(200).body("modelVersions.aliases", equalTo(List.of(List.of(),
                List.of("champion"))));

        given().delete(API + "/models/" + model + "/aliases/champion").then().statusCode(204);
        given().get(search).then().statusCode(200).body("modelVersions.aliases", equalTo(List.of(List.of(),
                List.of())));
        given().contentType(ContentType.JSON).body(Map.of("status", "ARCHIVED"))
                .patch(API + "/models/" + model + "/versions/2").then().statusCode(200);
        given().get(search).then().statusCode(200).body("modelVersions.status", equalTo(List.of("READY", "ARCHIVED")));
    }

    @Test
    void eachVersionReadCountsOneMissThenHitsAndIsTheVersionJsonItself() {
        String model = unique("cached");
        Registry.modelWithVersion(model);
        String search = API + "/model-versions?filter=name = '" + model + "'";
        double hits = cacheGets("hit");
        double misses = cacheGets("miss");
        given().get(search).then().statusCode(200).body("modelVersions", org.hamcrest.Matchers.hasSize(1));
        assertEquals(misses + 1, cacheGets("miss"), "the first search misses once");
        assertEquals(hits, cacheGets("hit"));
        for (int i = 0; i < 5; i++) {
            given().get(search).then().statusCode(200).body("modelVersions[0].name", equalTo(model));
        }
        assertEquals(hits + 5, cacheGets("hit"), "five repeated searches hit the rendered-version cache");
        assertEquals(misses + 1, cacheGets("miss"));
        Map<String, Object> single = given().get(API + "/models/" + model + "/versions/1").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertEquals(single, given().get(search).then().extract().jsonPath().getMap("modelVersions[0]"),
                "a search serves the same version JSON as a read of the version");
    }

    @Test
    void textBeyondAsciiIsServedAsTheSameUtf8BytesFromTheCacheAsWhenFirstRendered() throws SQLException {
        String model = twoVersionsChampionAtOne("utf8");
        String description = "Kreditrisiko – Ausfall ≥ 90 Tage, 信用风险 🚀";
        sql("UPDATE model_version SET description = '" + description + "', revision = revision + 1"
                + " WHERE model_id = (SELECT id FROM model WHERE name = ?) AND version = 1", model);

        // The first read renders and caches, the second is served from the cache's encoded bytes.
        for (int i = 0; i < 2; i++) {
            String alias = new String(given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                    .contentType(ContentType.JSON).extract().asByteArray(), StandardCharsets.UTF_8);
            assertTrue(alias.contains("\"description\":\"" + description + "\""), alias);
            String page = new String(given().get(API + "/model-versions?filter=name = '" + model + "'&orderBy=version")
                    .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
            assertTrue(page.startsWith("{\"modelVersions\":[{") && page.contains("\"description\":\"" + description
                    + "\""), page);
        }
    }

    /** A new model with versions 1 and 2, its {@code champion} on version 1; returns its name. */
    private static String twoVersionsChampionAtOne(String prefix) {
        String model = unique(prefix);
        Registry.modelWithVersion(model);
        upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
        return model;
    }

    /** {@code cache_gets_total} of the version cache for one result, whatever other labels the series carries. */
    private static double cacheGets(String result) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("cache_gets_total{") && line.contains("cache=\"registry_version_json\"")
                    && line.contains("result=\"" + result + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("cache_gets_total{cache=\"registry_version_json\",result=\"" + result
                + "\"} is not exported");
    }

    private void sql(String statement, String model) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, model);
            assertTrue(ps.executeUpdate() > 0, statement);
        }
    }
}
