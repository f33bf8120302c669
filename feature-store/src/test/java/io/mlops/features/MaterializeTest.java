package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MaterializeTest {

    private static final Instant T1 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-03-02T00:00:00Z");
    private static final Instant T3 = Instant.parse("2024-03-03T00:00:00Z");

    private static ValidatableResponse materialize(String view, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/feature-views/" + view + "/materialize").then();
    }

    @Test
    void copiesTheNewestOfflineRowPerKeyInTheWindowAndNeverOverwritesNewerOnlineValues() {
        String view = Fixtures.view("mat", "customer_id", 0, Map.of("score", "DOUBLE"));
        push(view, "offline", List.of(
                row("customer_id", 1, T1, "score", 0.1),
                row("customer_id", 1, T2, "score", 0.2),
                row("customer_id", 1, T3, "score", 0.3),
                row("customer_id", 2, T1, "score", 1.0))).statusCode(200);
        online(List.of(view + ":score"), "customer_id", List.of(1, 2))
                .body("results[1].statuses", contains("NOT_FOUND", "NOT_FOUND"));

        materialize(view, Map.of("start", T1.toString(), "end", T2.toString()))
                .statusCode(200).body("keysConsidered", equalTo(2)).body("keysUpdated", equalTo(2));
        online(List.of(view + ":score"), "customer_id", List.of(1, 2))
                .body("results[1].values", contains(0.2f, 1.0f))
                .body("results[1].event_timestamps", contains(T2.toString(), T1.toString()));

        // A fresher value pushed online meanwhile survives a materialization of older data.
        push(view, "online", List.of(row("customer_id", 2, T3, "score", 9.0))).statusCode(200);
        materialize(view, Map.of("end", T3.toString()))
                .statusCode(200).body("start", equalTo(T2.toString())).body("keysUpdated", equalTo(1));
        online(List.of(view + ":score"), "customer_id", List.of(1, 2))
                .body("results[1].values", contains(0.3f, 9.0f));
        given().when().get("/api/v1/feature-views/" + view).then()
                .body("stats.materializedUntil", equalTo(T3.toString()));
    }

    @Test
    void anEndInTheFutureCopiesWhatExistsAndLeavesTheNextIncrementalRunItsRows() {
        String view = Fixtures.view("mat-future", "customer_id", 0, Map.of("score", "DOUBLE"));
        Instant past = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        push(view, "offline", List.of(row("customer_id", 1, past, "score", 0.1))).statusCode(200);
        materialize(view, Map.of("start", T1.toString(), "end", "2100-01-01T00:00:00Z"))
                .statusCode(200).body("keysUpdated", equalTo(1));
        String until = given().when().get("/api/v1/feature-views/" + view).then().extract().path("stats.materializedUntil");
        org.junit.jupiter.api.Assertions.assertTrue(Instant.parse(until).isBefore(Instant.now().plusSeconds(1)),
                "progress is recorded up to now, not up to 2100: " + until);

        // A row written after that run, with an event time after its end, is still picked up.
        Instant later = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        push(view, "offline", List.of(row("customer_id", 2, later, "score", 0.2))).statusCode(200);
        materialize(view, Map.of("end", later.plusSeconds(1).toString())).statusCode(200).body("keysUpdated", equalTo(1));
        online(List.of(view + ":score"), "customer_id", List.of(1, 2)).body("results[1].values", contains(0.1f, 0.2f));
    }

    @Test
    void aCorrectionWrittenOnlineAfterTheOfflineRowIsNotUndoneButALaterOfflineOneLands() {
        String view = Fixtures.view("mat-fix", "customer_id", 0, Map.of("score", "DOUBLE"));
        push(view, "online_and_offline", List.of(row("customer_id", 1, T1, "score", 0.1))).statusCode(200);
        push(view, "online", List.of(row("customer_id", 1, T1, "score", 0.5))).statusCode(200);
        materialize(view, Map.of("start", T1.toString(), "end", T2.toString())).statusCode(200)
                .body("keysUpdated", equalTo(0));
        online(List.of(view + ":score"), "customer_id", List.of(1)).body("results[1].values", contains(0.5f));

        push(view, "offline", List.of(row("customer_id", 1, T1, "score", 0.7))).statusCode(200);
        materialize(view, Map.of("start", T1.toString(), "end", T2.toString())).statusCode(200)
                .body("keysUpdated", equalTo(1));
        online(List.of(view + ":score"), "customer_id", List.of(1)).body("results[1].values", contains(0.7f));
    }

    @Test
    void startAfterEndIsRejectedAndUnknownViewIs404() {
        String view = Fixtures.view("mat-bad", "customer_id", 0, Map.of("score", "DOUBLE"));
        materialize(view, Map.of("start", T2.toString(), "end", T1.toString()))
                .statusCode(422).body("errors[0].field", equalTo("start"));
        materialize(Fixtures.unique("nope"), Map.of()).statusCode(404).body("code", equalTo("FEATURE_VIEW_NOT_FOUND"));
        materialize(view, Map.of("start", "+1000000000-01-01T00:00:00Z", "end", "+1000000000-01-02T00:00:00Z"))
                .statusCode(422).body("errors[0].field", equalTo("start"));
        materialize(view, Map.of("end", "-1000000000-01-02T00:00:00Z")).statusCode(422)
                .body("errors[0].field", equalTo("end"));
    }

    @Test
    void largeViewsAreMaterializedInPagesWithoutSkippingKeys() {
        String view = Fixtures.view("mat-pages", "customer_id", 0, Map.of("score", "DOUBLE"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int key = 1; key <= 7_500; key++) {
            rows.add(row("customer_id", key, T1, "score", key / 2.0));
        }
        push(view, "offline", rows).statusCode(200);
        materialize(view, Map.of("end", T2.toString()))
                .statusCode(200).body("keysConsidered", equalTo(7_500)).body("keysUpdated", equalTo(7_500));
        online(List.of(view + ":score"), "customer_id", List.of(1, 10, 999, 5_000, 5_001, 7_500))
                .statusCode(200)
                .body("results[1].statuses", everyItem(equalTo("PRESENT")))
                .body("results[1].values", contains(0.5f, 5.0f, 499.5f, 2500.0f, 2500.5f, 3750.0f));
    }
}
