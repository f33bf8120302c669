package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OnlineLookupTest {

    private static Map<String, String> features(String... nameType) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            out.put(nameType[i], nameType[i + 1]);
        }
        return out;
    }

    @Test
    void pushedRowsAreServedInFeastShapeWithStatusesAndTimestamps() {
        String view = Fixtures.view("stats", "customer_id", 0,
                features("spend", "DOUBLE", "orders", "INT64", "plan", "STRING", "active", "BOOL"));
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        push(view, "online", List.of(
                row("customer_id", 1001, t, "spend", 12.5, "orders", 3, "plan", "gold", "active", true),
                row("customer_id", 1002, t, "spend", 7, "orders", null, "plan", "basic", "active", false)))
                .statusCode(200).body("rows", equalTo(2)).body("onlineUpdated", equalTo(2));

        online(List.of(view + ":spend", view + ":orders", view + ":plan", view + ":active"), "customer_id",
                List.of(1001, 1002, 9999))
                .statusCode(200)
                .body("metadata.feature_names", contains("customer_id", "spend", "orders", "plan", "active"))
                .body("results[0].values", contains(1001, 1002, 9999))
                .body("results[0].statuses", contains("PRESENT", "PRESENT", "PRESENT"))
                .body("results[1].values", contains(12.5f, 7.0f, null))
                .body("results[1].statuses", contains("PRESENT", "PRESENT", "NOT_FOUND"))
                .body("results[1].event_timestamps", contains("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z",
                        "1970-01-01T00:00:00Z"))
                .body("results[2].values", contains(3, null, null))
                .body("results[2].statuses", contains("PRESENT", "NULL_VALUE", "NOT_FOUND"))
                .body("results[3].values", contains("gold", "basic", null))
                .body("results[4].values", contains(true, false, null));
    }

    @Test
    void doublesStayDoublesHoweverLargeOrSmall() {
        String view = Fixtures.view("wide", "driver_id", 0, features("amount", "DOUBLE"));
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        push(view, "online_and_offline", List.of(row("driver_id", 1, t, "amount", 1.0e7),
                row("driver_id", 2, t, "amount", 12345678.0), row("driver_id", 3, t, "amount", 1.5e-9),
                row("driver_id", 4, t, "amount", 3))).statusCode(200);
        String online = given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(view + ":amount"), "entities", Map.of("driver_id", List.of(1, 2, 3, 4))))
                .when().post("/api/v1/online-features").then().statusCode(200).extract().asString();
        // Integers in a DOUBLE column break typed clients: every value must carry a point or an exponent.
        assertTrue(online.contains("\"values\":[1.0E7,1.2345678E7,1.5E-9,3.0]"), online);
        String historical = given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(view + ":amount"), "entityRows",
                        List.of(Map.of("driver_id", 1, "event_timestamp", t.toString()))))
                .when().post("/api/v1/historical-features").then().statusCode(200).extract().asString();
        assertTrue(historical.contains("\"amount\":10000000.0"), historical);
    }

    @Test
    void fullFeatureNamesPrefixTheView() {
        String view = Fixtures.view("names", "driver_id", 0, features("rating", "DOUBLE"));
        push(view, "online", List.of(row("driver_id", 5, Instant.now(), "rating", 4.5))).statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(view + ":rating"), "entities", Map.of("driver_id", List.of(5)),
                        "full_feature_names", true))
                .when().post("/api/v1/online-features")
                .then().statusCode(200)
                .body("metadata.feature_names", contains("driver_id", view + "__rating"))
                .body("results[1].values", contains(4.5f));
    }

    @Test
    void anOlderRowNeverReplacesANewerOnlineValue() {
        String view = Fixtures.view("order", "customer_id", 0, features("score", "DOUBLE"));
        Instant newer = Instant.parse("2024-05-02T00:00:00Z");
        Instant older = Instant.parse("2024-05-01T00:00:00Z");
        push(view, "online_and_offline", List.of(row("customer_id", 1, newer, "score", 0.9))).statusCode(200);
        push(view, "online_and_offline", List.of(row("customer_id", 1, older, "score", 0.1)))
                .statusCode(200).body("onlineUpdated", equalTo(0));
        online(List.of(view + ":score"), "customer_id", List.of(1))
                .statusCode(200)
                .body("results[1].values", contains(0.9f))
                .body("results[1].event_timestamps", contains("2024-05-02T00:00:00Z"));
        // Within one batch too, the newest row of a key wins whatever the order.
        push(view, "online", List.of(
                row("customer_id", 2, newer, "score", 0.7),
                row("customer_id", 2, older, "score", 0.2))).statusCode(200);
        online(List.of(view + ":score"), "customer_id", List.of(2))
                .statusCode(200).body("results[1].values", contains(0.7f));
    }

    @Test
    void eventTimesBeforeTheGregorianReformReadBackAsWritten() {
        // Before 1582 java.sql.Timestamp counts Julian days: read through it, 1500-01-01 became 1500-01-10.
        String view = Fixtures.view("julian", "customer_id", 0, features("score", "DOUBLE"));
        push(view, "online", List.of(row("customer_id", 1, Instant.parse("1500-01-01T00:00:00Z"), "score", 0.5)))
                .statusCode(200);
        online(List.of(view + ":score"), "customer_id", List.of(1))
                .statusCode(200)
                .body("results[1].values", contains(0.5f))
                .body("results[1].event_timestamps", contains("1500-01-01T00:00:00Z"));
    }

    @Test
    void valuesOlderThanTheTtlAreWithheldAsOutsideMaxAge() {
        String view = Fixtures.view("ttl", "customer_id", 3600, features("score", "DOUBLE"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        push(view, "online", List.of(
                row("customer_id", 1, now.minus(2, ChronoUnit.HOURS), "score", 0.5),
                row("customer_id", 2, now.minus(10, ChronoUnit.MINUTES), "score", 0.6))).statusCode(200);
        online(List.of(view + ":score"), "customer_id", List.of(1, 2))
                .statusCode(200)
                .body("results[1].values", contains(nullValue(), equalTo(0.6f)))
                .body("results[1].statuses", contains("OUTSIDE_MAX_AGE", "PRESENT"))
                .body("results[1].event_timestamps[0]", equalTo(now.minus(2, ChronoUnit.HOURS).toString()));
    }

    @Test
    void unknownViewOrFeatureIs422NamingIt() {
        String view = Fixtures.view("unknown", "customer_id", 0, features("score", "DOUBLE"));
        online(List.of(view + ":score", view + ":nope"), "customer_id", List.of(1))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_FEATURE"))
                .body("detail", containsString(view + ":nope"))
                .body("errors[0].field", equalTo("features[1]"));
        online(List.of("no-such-view:score"), "customer_id", List.of(1))
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_FEATURE"))
                .body("detail", containsString("no-such-view"));
        online(List.of(view + "@7:score"), "customer_id", List.of(1))
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_FEATURE"))
                .body("detail", containsString("no version 7"));
    }

    @Test
    void badEntitiesAreRejectedClearly() {
        String view = Fixtures.view("keys", "customer_id", 0, features("score", "DOUBLE"));
        online(List.of(view + ":score"), "customer_id", List.of("not-a-number"))
                .statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("entities.customer_id[0]"));
        online(List.of(view + ":score"), "user_id", List.of(1))
                .statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void viewsWithSeveralEntitiesAreKeyedByAllJoinKeys() {
        String customer = Fixtures.unique("cust");
        String merchant = Fixtures.unique("merch");
        Fixtures.entity(customer, "customer_id", "INT64");
        Fixtures.entity(merchant, "merchant_id", "STRING");
        String view = Fixtures.unique("pair");
        Fixtures.applyView(view, List.of(customer, merchant), 0, features("txn_count", "INT64")).statusCode(201);
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        Map<String, Object> a = row("customer_id", 1, t, "txn_count", 4);
        a.put("merchant_id", "m-1");
        Map<String, Object> b = row("customer_id", 1, t, "txn_count", 9);
        b.put("merchant_id", "m-2");
        push(view, "online", List.of(a, b)).statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(view + ":txn_count"),
                        "entities", Map.of("customer_id", List.of(1, 1), "merchant_id", List.of("m-2", "m-1"))))
                .when().post("/api/v1/online-features")
                .then().statusCode(200)
                .body("metadata.feature_names", contains("customer_id", "merchant_id", "txn_count"))
                .body("results[2].values", contains(9, 4));
    }

    @Test
    void lookupsAndWritesShowInTheMetrics() {
        String view = Fixtures.view("metrics", "customer_id", 0, features("score", "DOUBLE"));
        push(view, "online", List.of(row("customer_id", 1, Instant.now().minusSeconds(30), "score", 1.0))).statusCode(200);
        online(List.of(view + ":score"), "customer_id", List.of(1)).statusCode(200);
        online(List.of(view + ":score"), "customer_id", List.of(1)).statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith(
                "mlops_features_freshness_seconds{view=\"" + view + "\"}")), "freshness gauge of the view");
        assertTrue(metrics.contains("mlops_features_online_lookup_seconds_bucket"),
                "lookup histogram");
        assertTrue(metrics.contains("mlops_features_cache_requests_total{result=\"hit\"}"),
                "cache hits");
        assertTrue(metrics.contains(
                "mlops_features_rows_ingested_total{path=\"push\",view=\"" + view + "\"}"), "rows by view and path");
        double freshness = metrics.lines().filter(l -> l.startsWith("mlops_features_freshness_seconds{view=\"" + view))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
        assertTrue(freshness >= 29 && freshness < 120, "freshness " + freshness);
    }
}
