package io.mlops.features;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Feast client's requests, as its Python feature server takes them, work unchanged. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FeastCompatTest {

    @Test
    void pushMaterializeAndGetOnlineFeaturesTheFeastWay() {
        String view = Fixtures.view("feast", "driver_id", 0, Map.of("conv_rate", "DOUBLE"));
        given().contentType(ContentType.JSON)
                .body(Map.of("push_source_name", view, "to", "offline", "df", Map.of(
                        "driver_id", List.of(1001, 1002),
                        "event_timestamp", List.of("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"),
                        "conv_rate", List.of(0.5, 0.7))))
                .when().post("/push").then().statusCode(200).body("rows", equalTo(2));
        given().contentType(ContentType.JSON)
                .body(Map.of("start_ts", "2023-12-31T00:00:00Z", "end_ts", "2024-01-03T00:00:00Z",
                        "feature_views", List.of(view)))
                .when().post("/materialize").then().statusCode(200).body("[0].keysUpdated", equalTo(2));
        String service = Fixtures.unique("driver-ranking");
        given().contentType(ContentType.JSON).body(Map.of("name", service, "features", List.of(view + ":conv_rate")))
                .when().post("/api/v1/feature-services").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("feature_service", service, "entities", Map.of("driver_id", List.of(1001, 1002)),
                        "full_feature_names", true))
                .when().post("/get-online-features")
                .then().statusCode(200)
                .body("metadata.feature_names", contains("driver_id", view + "__conv_rate"))
                .body("results[1].values", contains(0.5f, 0.7f));
        given().contentType(ContentType.JSON).body(Map.of("to", "online", "df", Map.of()))
                .when().post("/push").then().statusCode(422).body("errors[0].field", equalTo("push_source_name"));
    }

    @Test
    void pushTakesEventTimesWithoutAnOffsetAsUtcAsFeastDoes() {
        String view = Fixtures.view("feast-push", "driver_id", 0, Map.of("conv_rate", "DOUBLE"));
        // Feast's own push example writes its event times without an offset.
        given().contentType(ContentType.JSON)
                .body(Map.of("push_source_name", view, "to", "online", "df", Map.of(
                        "driver_id", List.of(1001),
                        "event_timestamp", List.of("2022-05-13 10:59:42"),
                        "conv_rate", List.of(0.25))))
                .when().post("/push").then().statusCode(200).body("rows", equalTo(1));
        Fixtures.online(List.of(view + ":conv_rate"), "driver_id", List.of(1001)).statusCode(200)
                .body("results[1].values", contains(0.25f))
                .body("results[1].event_timestamps", contains("2022-05-13T10:59:42Z"));
        given().contentType(ContentType.JSON)
                .body(Map.of("push_source_name", view, "to", "online", "df", Map.of(
                        "driver_id", List.of(1002), "event_timestamp", List.of("yesterday"), "conv_rate", List.of(0.5))))
                .when().post("/push").then().statusCode(422).body("errors[0].field", equalTo("rows[0].event_timestamp"));
    }

    @Test
    void materializeTakesTimesAsFeastsServerDoesAndChecksEveryViewFirst() {
        String view = Fixtures.view("feast-naive", "driver_id", 0, Map.of("conv_rate", "DOUBLE"));
        Fixtures.push(view, "offline", List.of(Fixtures.row("driver_id", 7, Instant.parse("2024-01-02T12:00:00Z"),
                "conv_rate", 0.4))).statusCode(200);
        // A typo late in the list: nothing is materialised, the first view included.
        given().contentType(ContentType.JSON)
                .body(Map.of("start_ts", "2023-12-31", "end_ts", "2024-01-03T00:00:00",
                        "feature_views", List.of(view, Fixtures.unique("nope"))))
                .when().post("/materialize").then().statusCode(404);
        Fixtures.online(List.of(view + ":conv_rate"), "driver_id", List.of(7))
                .statusCode(200).body("results[1].statuses", contains("NOT_FOUND"));
        // Naive times are UTC, a bare date is its midnight, as Feast's server reads them.
        given().contentType(ContentType.JSON)
                .body(Map.of("start_ts", "2023-12-31", "end_ts", "2024-01-03 00:00:00", "feature_views", List.of(view)))
                .when().post("/materialize").then().statusCode(200).body("[0].keysUpdated", equalTo(1));
        Fixtures.online(List.of(view + ":conv_rate"), "driver_id", List.of(7))
                .statusCode(200).body("results[1].values", contains(0.4f));
        given().contentType(ContentType.JSON)
                .body(Map.of("start_ts", "2023-12-31", "end_ts", "yesterday", "feature_views", List.of(view)))
                .when().post("/materialize").then().statusCode(422).body("errors[0].field", equalTo("end_ts"));
    }
}
