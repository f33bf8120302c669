package io.mlops.features;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Definitions and requests the tests share. Every test makes its own entity and view names, since
 * all tests of the JVM share one database.
 */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36);

    private Fixtures() {
    }

    /** A name no other test uses: {@code prefix-<run>-<n>}. */
    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    public static void entity(String name, String joinKey, String valueType) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "joinKey", joinKey, "valueType", valueType))
                .when().post("/api/v1/entities").then().statusCode(201);
    }

    /** Creates an INT64 entity keyed by {@code joinKey} and a view over it; returns the view name. */
    public static String view(String prefix, String joinKey, long ttlSeconds, Map<String, String> features) {
        String entity = unique(prefix + "-e");
        entity(entity, joinKey, "INT64");
        String view = unique(prefix);
        applyView(view, List.of(entity), ttlSeconds, features).statusCode(201);
        return view;
    }

    public static ValidatableResponse applyView(String name, List<String> entities, long ttlSeconds,
                                                Map<String, String> features) {
        List<Map<String, String>> specs = new ArrayList<>();
        features.forEach((f, type) -> specs.add(Map.of("name", f, "type", type)));
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "entities", entities, "features", specs, "ttlSeconds", ttlSeconds))
                .when().post("/api/v1/feature-views").then();
    }

    public static ValidatableResponse push(String view, String to, List<Map<String, Object>> rows) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("to", to, "rows", rows))
                .when().post("/api/v1/feature-views/" + view + "/push").then();
    }

    /** A row: join key, event time, then feature/value pairs. */
    public static Map<String, Object> row(String joinKey, Object key, Instant eventTime, Object... featureValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(joinKey, key);
        row.put("event_timestamp", eventTime.toString());
        for (int i = 0; i < featureValues.length; i += 2) {
            row.put((String) featureValues[i], featureValues[i + 1]);
        }
        return row;
    }

    public static ValidatableResponse online(List<String> features, String joinKey, List<?> keys) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("features", features, "entities", Map.of(joinKey, keys)))
                .when().post("/api/v1/online-features").then();
    }
}
