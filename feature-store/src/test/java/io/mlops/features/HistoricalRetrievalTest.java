package io.mlops.features;

import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time correctness on a hand-made history, where joining on "the latest value" would leak
 * values from each row's future.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HistoricalRetrievalTest {

    private String spendView;
    private String loginView;

    private static Instant day(int d, int hour) {
        return Instant.parse(String.format("2024-01-%02dT%02d:00:00Z", d, hour));
    }

    @BeforeEach
    void history() {
        String entity = Fixtures.unique("hcust");
        Fixtures.entity(entity, "customer_id", "INT64");
        spendView = Fixtures.unique("spend");
        Fixtures.applyView(spendView, List.of(entity), 0, Map.of("spend", "DOUBLE")).statusCode(201);
        loginView = Fixtures.unique("logins");
        Fixtures.applyView(loginView, List.of(entity), 86_400, Map.of("logins", "INT64")).statusCode(201);
        push(spendView, "offline", List.of(
                row("customer_id", 1, day(1, 0), "spend", 0.1),
                row("customer_id", 1, day(3, 0), "spend", 0.3),
                row("customer_id", 1, day(5, 0), "spend", 0.5),
                row("customer_id", 2, day(2, 0), "spend", 2.0))).statusCode(200);
        push(loginView, "offline", List.of(
                row("customer_id", 1, day(3, 12), "logins", 7),
                row("customer_id", 1, day(9, 0), "logins", 9))).statusCode(200);
    }

    private List<Map<String, Object>> entityRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(entityRow(1, day(4, 0), 1));   // spend 0.3 (0.5 is in its future); logins 7 (12 h old)
        rows.add(entityRow(1, day(3, 0), 0));   // spend 0.3 (same instant counts); logins none yet
        rows.add(entityRow(1, day(6, 0), 1));   // spend 0.5; logins 7 is 2.5 days old: outside the 1-day ttl
        rows.add(entityRow(2, day(10, 0), 0));  // spend 2.0; no logins for 2
        rows.add(entityRow(1, Instant.parse("2023-12-31T00:00:00Z"), 0)); // before any data
        rows.add(entityRow(1, day(2, 0), 1));   // spend 0.1
        return rows;
    }

    private static Map<String, Object> entityRow(long customer, Instant at, int label) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", customer);
        row.put("event_timestamp", at.toString());
        row.put("label", label);
        return row;
    }

    @Test
    void eachRowGetsTheNewestValueAtOrBeforeItsTimeWithinTtlInRequestOrder() {
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(spendView + ":spend", loginView + ":logins"), "entityRows", entityRows()))
                .when().post("/api/v1/historical-features")
                .then().statusCode(200)
                .body("metadata.feature_names", contains("spend", "logins"))
                .body("rows.customer_id", contains(1, 1, 1, 2, 1, 1))
                .body("rows.label", contains(1, 0, 1, 0, 0, 1))
                .body("rows.spend", contains(0.3f, 0.3f, 0.5f, 2.0f, null, 0.1f))
                .body("rows.logins", contains(7, null, null, null, null, null))
                .body("rows[0].event_timestamp", equalTo("2024-01-04T00:00:00Z"));
    }

    @Test
    void csvOnRequest() {
        String csv = given().contentType(ContentType.JSON).accept("text/csv")
                .body(Map.of("features", List.of(spendView + ":spend", loginView + ":logins"),
                        "entityRows", entityRows(), "fullFeatureNames", true))
                .when().post("/api/v1/historical-features")
                .then().statusCode(200).contentType("text/csv")
                .extract().asString();
        assertEquals(List.of(
                "customer_id,event_timestamp,label," + spendView + "__spend," + loginView + "__logins",
                "1,2024-01-04T00:00:00Z,1,0.3,7",
                "1,2024-01-03T00:00:00Z,0,0.3,",
                "1,2024-01-06T00:00:00Z,1,0.5,",
                "2,2024-01-10T00:00:00Z,0,2.0,",
                "1,2023-12-31T00:00:00Z,0,,",
                "1,2024-01-02T00:00:00Z,1,0.1,"), List.of(csv.split("\r\n")));
    }

    @Test
    void badEntityRowsAreRejectedBeforeAnythingIsStreamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(spendView + ":spend"),
                        "entityRows", List.of(Map.of("customer_id", 1), Map.of("event_timestamp", "yesterday"))))
                .when().post("/api/v1/historical-features")
                .then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", contains("entityRows[0].event_timestamp", "entityRows[1].customer_id",
                        "entityRows[1].event_timestamp"));
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(spendView + ":spend"),
                        "entityRows", List.of(Map.of("customer_id", 1, "event_timestamp", "+10000-01-01T00:00:00Z"))))
                .when().post("/api/v1/historical-features")
                .then().statusCode(422).body("errors.field", contains("entityRows[0].event_timestamp"));
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(spendView + ":nope"),
                        "entityRows", List.of(Map.of("customer_id", 1, "event_timestamp", "2024-01-01T00:00:00Z"))))
                .when().post("/api/v1/historical-features")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_FEATURE"));
    }
}
