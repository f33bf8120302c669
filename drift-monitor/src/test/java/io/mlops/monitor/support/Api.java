package io.mlops.monitor.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.List;
import java.util.Map;

/** Small readers of the monitor's own API for tests. */
public final class Api {

    /** RestAssured reads decimals as floats by default, which would hide differences past the seventh digit. */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private Api() {
    }

    /** Rows in the open window of a model's first version, 0 when none is open. */
    public static int openRows(String model) {
        Map<String, Object> open = given().get("/api/v1/monitoring/{model}", model).then().statusCode(200).extract()
                .jsonPath().getMap("versions[0].openWindow");
        return open == null ? 0 : ((Number) open.get("rows")).intValue();
    }

    /** Closed windows of a model, oldest first. */
    public static List<Map<String, Object>> windows(String model) {
        String body = given().queryParam("limit", 1000).get("/api/v1/drift/{model}/windows", model)
                .then().extract().asString();
        List<Map<String, Object>> newestFirst = JsonPath.from(body).using(DOUBLES).getList("windows");
        if (newestFirst == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    public static int windowCount(String model) {
        int status = given().get("/api/v1/drift/{model}/windows", model).statusCode();
        return status == 200 ? windows(model).size() : 0;
    }

    public static JsonPath drift(String model) {
        return JsonPath.from(given().get("/api/v1/drift/{model}", model).then().statusCode(200).extract().asString())
                .using(DOUBLES);
    }

    /** Alerts of a model, newest first. */
    public static List<Map<String, Object>> alerts(String model) {
        return given().queryParam("model", model).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first Prometheus sample whose line starts with the given name and contains every fragment. */
    public static double metric(String name, String... fragments) {
        return metrics().lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(fragments).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }
}
