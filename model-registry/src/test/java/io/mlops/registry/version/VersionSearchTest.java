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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class VersionSearchTest {

    private String model;

    @BeforeEach
    void registerFourVersions() {
        model = unique("search");
        createModel(model);
        double[] aucs = {0.70, 0.85, 0.91, 0.60};
        String[] teams = {"risk", "risk", "growth", "risk"};
        for (int i = 0; i < 4; i++) {
            Map<String, Object> metadata = binaryMetadata(3);
            metadata.put("metrics", Map.of("auc", aucs[i]));
            metadata.put("params", Map.of("lr", i % 2 == 0 ? "0.1" : "0.01", "seed", i == 0 ? "12345678901234567" : "7"));
            metadata.put("tags", Map.of("team", teams[i], "stage-note", "v" + (i + 1)));
            upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(201);
        }
        given().contentType(ContentType.JSON).body(Map.of("status", "ARCHIVED"))
                .patch(API + "/models/" + model + "/versions/4").then().statusCode(200);
    }

    @Test
    void filtersOnTagsMetricsParamsAndStatus() {
        search("name = '" + model + "' AND tags.team = 'risk' AND metrics.auc > 0.65 AND status = 'READY'", "version")
                .body("modelVersions.version", equalTo(List.of(1, 2)));
        search("name = '" + model + "' AND params.lr = '0.1'", "version DESC")
                .body("modelVersions.version", equalTo(List.of(3, 1)));
        search("name = '" + model + "' AND (metrics.auc >= 0.9 OR status = 'archived')", "version")
                .body("modelVersions.version", equalTo(List.of(3, 4)));
        search("name = '" + model + "' AND version IN (2, 4) AND tags.`stage-note` LIKE 'v%'", "version")
                .body("modelVersions.version", equalTo(List.of(2, 4)));
        search("name ILIKE '" + model.toUpperCase() + "' AND params.lr > 0.05", "version")
                .body("modelVersions.version", equalTo(List.of(1, 3)));
        search("name = '" + model + "' AND tags.missing IS NULL AND createdAt > '2020-01-01T00:00:00Z'", "version")
                .body("modelVersions", hasSize(4));
    }

    @Test
    void numbersInParamsCompareExactlyAsWritten() {
        // Seventeen digits: a double would round them and match neither this seed nor its neighbour.
        search("name = '" + model + "' AND params.seed = 12345678901234567", "version")
                .body("modelVersions.version", equalTo(List.of(1)));
        search("name = '" + model + "' AND params.seed = 12345678901234568", "version")
                .body("modelVersions", hasSize(0));
        search("name = '" + model + "' AND params.lr = 0.10000000000000001", "version")
                .body("modelVersions", hasSize(0));
        search("name = '" + model + "' AND params.seed > 1e-999", "version").body("modelVersions", hasSize(4));
        for (String huge : List.of("1e5000", "1e9999999999")) {
            given().queryParam("filter", "params.seed > " + huge).get(API + "/model-versions").then().statusCode(400)
                    .body("code", equalTo("INVALID_FILTER")).body("detail", containsString("out of range"));
        }
    }

    @Test
    void aNulCharacterOrParenthesesNestedThousandsDeepAre400NotAServerError() {
        given().queryParam("filter", "name = 'a\u0000b'").get(API + "/model-versions").then().statusCode(400)
                .body("code", equalTo("INVALID_FILTER")).body("detail", containsString("NUL"));
        String deep = "(".repeat(4_000) + "name = 'a'" + ")".repeat(4_000);
        given().queryParam("filter", deep).get(API + "/model-versions").then().statusCode(400)
                .body("code", equalTo("INVALID_FILTER")).body("detail", containsString("nest deeper"));
        given().contentType(ContentType.JSON).body(Map.of("description", "a\u0000b"))
                .patch(API + "/models/" + model + "/versions/1").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("description"));
    }

    @Test
    void ordersByMetricsAndPagesWithTokens() {
        var first = search("name = '" + model + "'", "metrics.auc DESC", 2)
                .body("modelVersions.version", equalTo(List.of(3, 2)))
                .body("nextPageToken", notNullValue()).extract().path("nextPageToken");
        given().queryParam("filter", "name = '" + model + "'").queryParam("orderBy", "metrics.auc DESC")
                .queryParam("pageSize", 2).queryParam("pageToken", first.toString())
                .get(API + "/model-versions").then().statusCode(200)
                .body("modelVersions.version", equalTo(List.of(1, 4)))
                .body("nextPageToken", nullValue());
        given().queryParam("filter", "metrics.auc > 0.8").queryParam("orderBy", "version")
                .get(API + "/models/" + model + "/versions").then().statusCode(200)
                .body("modelVersions.version", equalTo(List.of(2, 3)));
        given().queryParam("pageSize", 0).get(API + "/model-versions").then().statusCode(422);
        given().queryParam("pageSize", 5000).get(API + "/model-versions").then().statusCode(422);
    }

    @Test
    void refusesInjectionAttemptsAndUnknownFieldsWithThePosition() {
        for (String bad : List.of("name = 'x' OR 1=1 --", "'; DROP TABLE model_version; --", "name = 'x'; DELETE FROM model",
                "name = x", "nosuchfield = 1", "metrics.auc > 'high'", "status = 'DELETED'", "name = 'unterminated",
                "name LIKE 3", "version LIKE 'x'", "(name = 'x'", "name = 'a' AND", "tags = 'x'")) {
            given().queryParam("filter", bad).get(API + "/model-versions")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("INVALID_FILTER"))
                    .body("detail", containsString("position"));
        }
        given().queryParam("filter", "name = 'x'' OR ''1''=''1'").get(API + "/model-versions")
                .then().statusCode(200).body("modelVersions", hasSize(0));
        given().queryParam("orderBy", "name; DROP TABLE model").get(API + "/model-versions")
                .then().statusCode(400).body("code", equalTo("INVALID_FILTER"));
        // Still there.
        search("name = '" + model + "'", "version").body("modelVersions", hasSize(4));
    }

    @Test
    void numbersOutOfRangeNeverBreakASearchAndTimesAreBounded() {
        tag(1, "size", "1e999");
        tag(2, "size", "5");
        tag(3, "size", "-0.0000000001e-99");
        tag(4, "size", "1e9999");
        // Beyond float8 but still a number: compared as one.
        search("name = '" + model + "' AND tags.size > 1", "version").body("modelVersions.version", equalTo(List.of(1, 2)));
        search("name = '" + model + "' AND tags.size > 1e300", "version").body("modelVersions.version", equalTo(List.of(1)));
        search("name = '" + model + "' AND tags.size < 0", "version").body("modelVersions.version", equalTo(List.of(3)));
        search("name = '" + model + "' AND tags.size IN (5, 7)", "version").body("modelVersions.version", equalTo(List.of(2)));
        for (String bad : List.of("createdAt > 1e18", "createdAt > '+10000-01-01T00:00:00Z'", "createdAt < '0000-12-31'")) {
            given().queryParam("filter", bad).get(API + "/model-versions")
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("INVALID_FILTER"));
        }
        given().queryParam("pageSize", "abc").get(API + "/model-versions")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("MALFORMED_REQUEST"));
        // Near the 10,000-character limit, and about three times as long once percent-encoded.
        String longFilter = "name = '" + model + "' OR name = '" + "%".repeat(9_000) + "'";
        search(longFilter, "version").body("modelVersions", hasSize(4));
    }

    private void tag(int version, String key, String value) {
        given().contentType(ContentType.JSON).body(Map.of("tags", Map.of(key, value)))
                .patch(API + "/models/" + model + "/versions/" + version).then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse search(String filter, String orderBy) {
        return search(filter, orderBy, 100);
    }

    private io.restassured.response.ValidatableResponse search(String filter, String orderBy, int pageSize) {
        return given().queryParam("filter", filter).queryParam("orderBy", orderBy).queryParam("pageSize", pageSize)
                .get(API + "/model-versions").then().statusCode(200);
    }
}
