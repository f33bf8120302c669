package io.mlops.inference.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;

/** Open Inference Protocol requests as a client library would send them. */
public final class Oip {

    private Oip() {
    }

    public static Map<String, Object> tensor(String name, List<Integer> shape, String datatype, Object data) {
        return Map.of("name", name, "shape", shape, "datatype", datatype, "data", data);
    }

    /** One FP32 row of the {@code features} input. */
    public static Map<String, Object> row(float... values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return Map.of("inputs", List.of(tensor("features", List.of(1, values.length), "FP32", List.of(boxed))));
    }

    public static ValidatableResponse infer(String model, Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/v2/models/" + model + "/infer").then();
    }

    /** The text of {@code /q/metrics}, for asserting a counter or gauge. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
