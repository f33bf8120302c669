package io.mlops.inference.oip;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.mlops.inference.support.InjectStandIn;
import io.mlops.inference.support.Oip;
import io.mlops.inference.support.OnnxModels;
import io.mlops.inference.support.RegistryStandIn;
import io.mlops.inference.support.Serving;
import io.mlops.inference.support.StandInsResource;
import io.mlops.inference.support.VersionSpec;
import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each protocol datatype goes through parsing, ONNX Runtime and JSON unchanged (identity models). */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OipDatatypesTest {

    @InjectStandIn
    RegistryStandIn registry;

    @Test
    void fp64KeepsDoublePrecision() {
        String model = served(DataType.DOUBLE);
        given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .contentType(ContentType.JSON).body(body("FP64", List.of(0.1, -2.5, 1e300)))
                .post("/v2/models/" + model + "/infer")
                .then().statusCode(200)
                .body("outputs[0].datatype", equalTo("FP64"))
                .body("outputs[0].data", equalTo(List.of(0.1, -2.5, 1e300)));
    }

    @Test
    void int64KeepsValuesBeyondDoublePrecision() {
        roundTrip(DataType.INT64, "INT64", List.of(9007199254740993L, -1L, 0L), List.of(9007199254740993L, -1, 0));
    }

    @Test
    void int32() {
        roundTrip(DataType.INT32, "INT32", List.of(2147483647, -5, 0), List.of(2147483647, -5, 0));
        String model = served(DataType.INT32);
        Oip.infer(model, body("INT32", List.of(2147483648L, 0, 0))).statusCode(400)
                .body("error", equalTo("input 'x' element 0 (2147483648) is out of INT32 range"));
        Oip.infer(model, body("INT32", List.of(1.5, 0, 0))).statusCode(400).body("code", equalTo("INVALID_INPUT"));
    }

    @Test
    void bool() {
        roundTrip(DataType.BOOL, "BOOL", List.of(true, false, true), List.of(true, false, true));
    }

    @Test
    void bytes() {
        roundTrip(DataType.STRING, "BYTES", List.of("a", "", "ünïcode"), List.of("a", "", "ünïcode"));
    }

    private void roundTrip(DataType onnxType, String datatype, List<?> sent, List<?> expected) {
        String model = served(onnxType);
        Oip.infer(model, body(datatype, sent)).statusCode(200)
                .body("outputs[0].name", equalTo("y"))
                .body("outputs[0].datatype", equalTo(datatype))
                .body("outputs[0].shape", equalTo(List.of(1, 3)))
                .body("outputs[0].data", equalTo(expected));
    }

    private String served(DataType onnxType) {
        String model = Serving.unique(onnxType.name().toLowerCase());
        Serving.promote(registry, model, OnnxModels.identity(onnxType, 3), VersionSpec.tensorsOnly(), "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));
        return model;
    }

    private static Map<String, Object> body(String datatype, List<?> data) {
        return Map.of("inputs", List.of(Oip.tensor("x", List.of(1, 3), datatype, data)));
    }
}
