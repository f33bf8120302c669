package io.mlops.features;

import static io.mlops.features.Fixtures.applyView;
import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DefinitionsTest {

    @Test
    void entitiesAreCreatedListedAndNeverDuplicated() {
        String name = Fixtures.unique("customer");
        given().contentType(ContentType.JSON).header("X-Actor", "alice")
                .body(Map.of("name", name, "joinKey", "customer_id", "valueType", "INT64", "description", "A customer"))
                .when().post("/api/v1/entities")
                .then().statusCode(201)
                .body("name", equalTo(name)).body("createdBy", equalTo("alice"));
        given().when().get("/api/v1/entities").then().statusCode(200).body("name", hasItem(name));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "joinKey", "other_id", "valueType", "STRING"))
                .when().post("/api/v1/entities")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("CONFLICT"))
                .body("detail", containsString(name));
        given().when().get("/api/v1/entities/" + name).then().statusCode(200).body("joinKey", equalTo("customer_id"));
    }

    @Test
    void badDefinitionsAreRejectedWithEveryProblemListed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Bad Name", "joinKey", "event_timestamp", "valueType", "INT64"))
                .when().post("/api/v1/entities")
                .then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", contains("name", "joinKey"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .when().post("/api/v1/entities")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.TEXT).body("name=x")
                .when().post("/api/v1/entities")
                .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("v"), "entities", List.of("no-such-entity"),
                        "features", List.of(Map.of("name", "f", "type", "DOUBLE")), "ttlSeconds", 0))
                .when().post("/api/v1/feature-views")
                .then().statusCode(422).body("errors[0].field", equalTo("entities[0]"));
        String entity = Fixtures.unique("ttl-e");
        Fixtures.entity(entity, "customer_id", "INT64");
        Fixtures.applyView(Fixtures.unique("v"), List.of(entity), Long.MAX_VALUE, Map.of("f", "DOUBLE"))
                .statusCode(422).body("errors[0].field", equalTo("ttlSeconds"));
        Fixtures.applyView(Fixtures.unique("v"), List.of(entity), 3_155_760_000L, Map.of("f", "DOUBLE")).statusCode(201);
    }

    @Test
    void aNulInANameIsAClientErrorNotAServerError() {
        for (String path : List.of("/api/v1/entities/a%00b", "/api/v1/feature-views/a%00b",
                "/api/v1/feature-views/a%00b/versions/1", "/api/v1/feature-services/a%00b")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(422)
                    .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
        }
        given().contentType(ContentType.JSON).body("{\"featureService\":\"a\\u0000b\",\"entities\":{\"k\":[1]}}")
                .post("/api/v1/online-features").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void viewsAreVersionedAndOldVersionsStayReadable() {
        String entity = Fixtures.unique("acct");
        Fixtures.entity(entity, "account_id", "INT64");
        String view = Fixtures.unique("acct-stats");
        Map<String, String> v1 = new LinkedHashMap<>();
        v1.put("balance", "DOUBLE");
        v1.put("tier", "STRING");
        applyView(view, List.of(entity), 86400, v1).statusCode(201).body("version", equalTo(1));
        applyView(view, List.of(entity), 86400, v1).statusCode(200).body("version", equalTo(1));

        Map<String, String> v2 = new LinkedHashMap<>();
        v2.put("balance", "DOUBLE");
        v2.put("logins", "INT64");
        applyView(view, List.of(entity), 86400, v2).statusCode(200)
                .body("version", equalTo(2)).body("latestVersion", equalTo(2));

        given().when().get("/api/v1/feature-views/" + view).then().statusCode(200)
                .body("version", equalTo(2)).body("versions", contains(1, 2))
                .body("features.name", contains("balance", "logins"));
        given().when().get("/api/v1/feature-views/" + view + "/versions/1").then().statusCode(200)
                .body("version", equalTo(1)).body("features.name", contains("balance", "tier"));
        given().when().get("/api/v1/feature-views").then().statusCode(200)
                .body("find { it.name == '" + view + "' }.versions", contains(1, 2));
        given().when().get("/api/v1/feature-views/" + view + "/versions/9").then().statusCode(404)
                .body("code", equalTo("FEATURE_VIEW_NOT_FOUND"));
        given().when().get("/api/v1/feature-views/" + Fixtures.unique("missing")).then().statusCode(404)
                .body("code", equalTo("FEATURE_VIEW_NOT_FOUND"));
    }

    @Test
    void aNewVersionCannotRekeyTheViewOrRetypeAFeature() {
        String view = Fixtures.view("rekey", "customer_id", 0, Map.of("score", "DOUBLE"));
        String other = Fixtures.unique("other");
        Fixtures.entity(other, "other_id", "INT64");
        applyView(view, List.of(other), 0, Map.of("score", "DOUBLE"))
                .statusCode(409).body("code", equalTo("CONFLICT")).body("detail", containsString("entities"));
        String entity = given().when().get("/api/v1/feature-views/" + view).then().extract().path("entities[0]");
        applyView(view, List.of(entity), 0, Map.of("score", "STRING"))
                .statusCode(409).body("detail", containsString("score"));
        given().when().get("/api/v1/feature-views/" + view).then().body("version", equalTo(1));
        // Nor by way of a version without it: version 1's stored values are still DOUBLE.
        applyView(view, List.of(entity), 0, Map.of("clicks", "INT64")).statusCode(200).body("version", equalTo(2));
        applyView(view, List.of(entity), 0, Map.of("clicks", "INT64", "score", "STRING"))
                .statusCode(409).body("detail", containsString("DOUBLE in version 1"));
        applyView(view, List.of(entity), 0, Map.of("clicks", "INT64", "score", "DOUBLE"))
                .statusCode(200).body("version", equalTo(3));
    }

    @Test
    void tagsAndDescriptionsAreBoundedAndEveryTagHasAValue() {
        String entity = Fixtures.unique("tagged");
        Map<String, Object> nullTag = new java.util.HashMap<>();
        nullTag.put("team", null);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", entity, "joinKey", "tagged_id", "valueType", "INT64", "tags", nullTag))
                .when().post("/api/v1/entities").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("tags.team"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", entity, "joinKey", "tagged_id", "valueType", "INT64",
                        "description", "x".repeat(10_001)))
                .when().post("/api/v1/entities").then().statusCode(422).body("errors[0].field", equalTo("description"));
        String view = Fixtures.view("tagged", "customer_id", 0, Map.of("score", "DOUBLE"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("svc"), "features", List.of(view + ":score"), "tags", nullTag))
                .when().post("/api/v1/feature-services").then().statusCode(422).body("errors[0].field", equalTo("tags.team"));
    }

    @Test
    void aFeatureServiceChangedHereIsAnsweredByItsNewDefinitionAtOnce() {
        String view = Fixtures.view("svc-plan", "customer_id", 0, Map.of("score", "DOUBLE", "clicks", "INT64"));
        push(view, "online", List.of(row("customer_id", 1, Instant.parse("2024-06-01T00:00:00Z"), "score", 0.5,
                "clicks", 4))).statusCode(200);
        String service = Fixtures.unique("svc-plan");
        Map<String, Object> lookup = Map.of("featureService", service, "entities", Map.of("customer_id", List.of(1)));
        given().contentType(ContentType.JSON).body(Map.of("name", service, "features", List.of(view + ":score")))
                .when().post("/api/v1/feature-services").then().statusCode(201);
        given().contentType(ContentType.JSON).body(lookup).when().post("/api/v1/online-features").then()
                .statusCode(200).body("metadata.feature_names", contains("customer_id", "score"));
        given().contentType(ContentType.JSON).body(Map.of("name", service, "features", List.of(view + ":clicks")))
                .when().post("/api/v1/feature-services").then().statusCode(200);
        given().contentType(ContentType.JSON).body(lookup).when().post("/api/v1/online-features").then()
                .statusCode(200).body("metadata.feature_names", contains("customer_id", "clicks"));
        given().when().delete("/api/v1/feature-services/" + service).then().statusCode(204);
        given().contentType(ContentType.JSON).body(lookup).when().post("/api/v1/online-features").then()
                .statusCode(404);
    }

    @Test
    void removingAFeatureStillReferencedKeepsItReadableThroughItsPinnedVersion() {
        String entity = Fixtures.unique("user");
        Fixtures.entity(entity, "user_id", "INT64");
        String view = Fixtures.unique("user-stats");
        Map<String, String> v1 = new LinkedHashMap<>();
        v1.put("clicks", "INT64");
        v1.put("legacy_score", "DOUBLE");
        applyView(view, List.of(entity), 0, v1).statusCode(201);
        Instant t = Instant.parse("2024-06-01T00:00:00Z");
        push(view, "online", List.of(row("user_id", 7, t, "clicks", 3, "legacy_score", 0.25))).statusCode(200);

        String service = Fixtures.unique("churn-model");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", service, "features", List.of(view + ":clicks", view + ":legacy_score")))
                .when().post("/api/v1/feature-services")
                .then().statusCode(201)
                .body("features", contains(view + "@1:clicks", view + "@1:legacy_score"));

        applyView(view, List.of(entity), 0, Map.of("clicks", "INT64")).statusCode(200).body("version", equalTo(2));

        given().contentType(ContentType.JSON)
                .body(Map.of("featureService", service, "entities", Map.of("user_id", List.of(7))))
                .when().post("/api/v1/online-features")
                .then().statusCode(200)
                .body("metadata.feature_names", contains("user_id", "clicks", "legacy_score"))
                .body("results[2].values", contains(0.25f));
        online(List.of(view + ":legacy_score"), "user_id", List.of(7))
                .statusCode(422).body("code", equalTo("UNKNOWN_FEATURE"))
                .body("detail", containsString(view + "@1:legacy_score"));
        online(List.of(view + "@1:legacy_score"), "user_id", List.of(7))
                .statusCode(200).body("results[1].values", contains(0.25f));
        given().when().get("/api/v1/feature-views/" + view + "/versions/1").then().statusCode(200)
                .body("features.name", contains("clicks", "legacy_score"));

        // A row written under v2 has no legacy_score: the pinned reference finds none (rather than
        // claiming a null value), and a model's missing-features policy applies.
        push(view, "online", List.of(row("user_id", 7, t.plusSeconds(3600), "clicks", 4))).statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("featureService", service, "entities", Map.of("user_id", List.of(7))))
                .when().post("/api/v1/online-features")
                .then().statusCode(200)
                .body("results[1].values", contains(4))
                .body("results[1].statuses", contains("PRESENT"))
                .body("results[2].values", contains(nullValue()))
                .body("results[2].statuses", contains("NOT_FOUND"));
    }

    @Test
    void featureServicesValidateEveryReference() {
        String view = Fixtures.view("svc", "customer_id", 0, Map.of("score", "DOUBLE"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("svc"), "features", List.of(view + ":score", view + ":typo")))
                .when().post("/api/v1/feature-services")
                .then().statusCode(422)
                .body("code", equalTo("UNKNOWN_FEATURE"))
                .body("detail", containsString(view + ":typo"))
                .body("errors[0].field", equalTo("features[1]"));
        given().when().get("/api/v1/feature-services/" + Fixtures.unique("none")).then().statusCode(404);
        String service = Fixtures.unique("svc-del");
        given().contentType(ContentType.JSON).body(Map.of("name", service, "features", List.of(view + ":score")))
                .when().post("/api/v1/feature-services").then().statusCode(201);
        given().when().delete("/api/v1/feature-services/" + service).then().statusCode(204);
        given().when().get("/api/v1/feature-services/" + service).then().statusCode(404);
        given().when().delete("/api/v1/feature-services/" + service).then().statusCode(404);
        given().when().get("/api/v1/feature-views/" + view).then().statusCode(200);
    }
}
