package io.mlops.registry.version;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.mlops.registry.support.Registry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        String model = unique("fresh");
        Registry.modelWithVersion(model);
        upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
        String searchFirst = API + "/model-versions?filter=name = '" + model + "'&orderBy=version";
        // Twice each, so the second answers come from the cache.
        for (int i = 0; i < 2; i++) {
            given().get(API + "/models/" + model + "@champion").then().statusCode(200).body("description", equalTo(null));
            given().get(searchFirst).then().statusCode(200).body("modelVersions[0].description", equalTo(null));
        }

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
        String model = unique("moved");
        Registry.modelWithVersion(model);
        upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
        String before = given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                .body("version", equalTo(1)).extract().header("ETag");

        // What AliasService.set writes, done directly: the alias row, then both versions' revisions.
        sql("UPDATE model_alias SET version = 2, revision = revision + 1"
                + " WHERE model_id = (SELECT id FROM model WHERE name = ?) AND alias = 'champion'", model);
        sql("UPDATE model_version SET revision = revision + 1"
                + " WHERE model_id = (SELECT id FROM model WHERE name = ?)", model);

        String after = given().get(API + "/models/" + model + "@champion").then().statusCode(200)
                .body("version", equalTo(2)).body("aliases", equalTo(List.of("champion")))
                .extract().header("ETag");
        assertNotEquals(before, after);
        given().get(API + "/model-versions?filter=name = '" + model + "'&orderBy=version").then().statusCode(200)
                .body("modelVersions[0].aliases", equalTo(List.of()))
                .body("modelVersions[1].aliases", equalTo(List.of("champion")));
    }

    @Test
    void repeatedSearchesAreServedFromTheCacheAndCounted() {
        String model = unique("cached");
        Registry.modelWithVersion(model);
        String search = API + "/model-versions?filter=name = '" + model + "'";
        given().get(search).then().statusCode(200).body("modelVersions", org.hamcrest.Matchers.hasSize(1));
        double hitsBefore = cacheHits();
        for (int i = 0; i < 5; i++) {
            given().get(search).then().statusCode(200).body("modelVersions[0].name", equalTo(model));
        }
        assertTrue(cacheHits() >= hitsBefore + 5, "five repeated searches hit the rendered-version cache");
        Map<String, Object> single = given().get(API + "/models/" + model + "/versions/1").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertEquals(single, given().get(search).then().extract().jsonPath().getMap("modelVersions[0]"),
                "a search serves the same version JSON as a read of the version");
    }

    private static double cacheHits() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("cache_gets_total\\{cache=\"registry_version_json\",result=\"hit\"} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(m.find(), "cache_gets_total for registry_version_json is exported");
        return Double.parseDouble(m.group(1));
    }

    private void sql(String statement, String model) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, model);
            assertTrue(ps.executeUpdate() > 0, statement);
        }
    }
}
