package io.mlops.inference.oip;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad request is a clear 4xx problem+json whose OIP {@code error} names what is wrong, and the model keeps serving. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OipBadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @InjectStandIn
    RegistryStandIn registry;

    @TestHTTPResource("/")
    URI base;

    private String model;

    @BeforeEach
    void serveAModel() {
        model = Serving.unique("bad");
        Serving.promote(registry, model, OnnxModels.logisticRegression(4, 2, 1), VersionSpec.binary(4), "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));
    }

    @AfterEach
    void stillServing() {
        Oip.infer(model, Oip.row(1, 2, 3, 4)).statusCode(200).body("model_version", equalTo("1"));
    }

    @Test
    void wrongDatatypeNamesTheInput() {
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 4), "FP64", List.of(1, 2, 3, 4)))),
                400, "INVALID_INPUT")
                .body("error", containsString("'features' is FP64 but the model takes FP32"))
                .body("errors[0].field", equalTo("inputs[0].datatype"));
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 4), "FP42", List.of(1, 2, 3, 4)))),
                400, "INVALID_INPUT").body("error", containsString("FP42"));
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 4), "FP32", List.of(1, "two", 3, 4)))),
                400, "INVALID_INPUT").body("error", containsString("element 1 is a string"));
    }

    @Test
    void wrongShapeNamesTheInput() {
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 5), "FP32", List.of(1, 2, 3, 4, 5)))),
                400, "INVALID_INPUT")
                .body("error", containsString("'features' has shape [1, 5] but the model takes [n, 4]"))
                .body("errors[0].field", equalTo("inputs[0].shape"));
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(2, 4), "FP32", List.of(1, 2, 3, 4)))),
                400, "INVALID_INPUT").body("error", containsString("has 4 values but shape [2, 4] needs 8"));
        bad(Map.of("inputs", List.of(Oip.tensor("other", List.of(1, 4), "FP32", List.of(1, 2, 3, 4)))),
                400, "INVALID_INPUT").body("error", containsString("no input 'other'"));
        bad(Map.of("inputs", List.of()), 400, "INVALID_INPUT");
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 4), "FP32", List.of(1, 2, 3, 4))),
                "outputs", List.of(Map.of("name", "nope"))), 400, "INVALID_INPUT")
                .body("error", containsString("no output 'nope'"));
    }

    @Test
    void nanAndInfinityAreRefused() {
        for (String value : List.of("NaN", "Infinity", "-Infinity", "1e39")) {
            String body = "{\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2," + value
                    + ",4]}]}";
            bad(body, 400, "INVALID_INPUT").body("error", containsString("'features' element 2"));
        }
    }

    @Test
    void aBatchLargerThanTheLimitIs413() {
        int rows = 1025;
        List<Integer> data = Collections.nCopies(rows * 4, 1);
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(rows, 4), "FP32", data))), 413, "PAYLOAD_TOO_LARGE")
                .body("error", containsString("at most 1024"));
        // The limit itself is fine.
        Oip.infer(model, Map.of("inputs", List.of(Oip.tensor("features", List.of(1024, 4), "FP32",
                Collections.nCopies(1024 * 4, 1))))).statusCode(200).body("outputs[0].shape", equalTo(List.of(1024, 2)));
    }

    @Test
    void aFiftyMegabyteRequestIs413ProblemJson() throws Exception {
        byte[] body = new byte[50 << 20];
        Arrays.fill(body, (byte) ' ');
        byte[] head = "{\"inputs\":[".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, body, 0, head.length);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/v2/models/" + model + "/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        String json = response.body();
        assertEquals(true, json.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), json);
        assertEquals(true, json.contains("\"error\":"), json);

        // Refused before routing, a made-up path must not become a metric's tag value.
        String madeUp = Serving.unique("made-up");
        assertEquals(413, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/v2/models/" + madeUp + "/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(false, metrics.contains(madeUp), () -> "the made-up path is a tag value: " + metrics.lines()
                .filter(line -> line.contains(madeUp)).toList());
        assertEquals(true, metrics.contains("uri=\"/{oversized}\""), "oversized requests are counted under one uri");
    }

    @Test
    void aChunkedBodyIsReadUpToTheLimitAndRefusedWithAProblemBeyondIt() throws Exception {
        byte[] small = ("{\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[1,2,3,4]}]}").getBytes(StandardCharsets.UTF_8);
        // Just past the 16 MiB limit: the little the client still sends after the refusal fits in the
        // socket's buffers, so it reads the answer instead of finding the connection reset.
        byte[] huge = new byte[(16 << 20) + (64 << 10)];
        Arrays.fill(huge, (byte) ' ');
        System.arraycopy(small, 0, huge, 0, small.length - 1);
        for (HttpClient.Version version : HttpClient.Version.values()) {
            // From a stream, the client cannot know the length and sends the body chunked.
            // (The JDK client cannot combine an h2c upgrade with Expect: 100-continue.)
            for (boolean expectContinue : version == HttpClient.Version.HTTP_2 ? new boolean[] {false} : new boolean[] {false, true}) {
                HttpResponse<String> fits = chunked(version, small, expectContinue);
                assertEquals(200, fits.statusCode(), version + ": " + fits.body());
                assertEquals(true, fits.body().contains("\"model_version\":\"1\""), fits.body());
            }

            if (version == HttpClient.Version.HTTP_2) {
                // HTTP/2 bodies without a length are limited by the REST layer, which answers without a
                // document and resets the stream (the client may see either).
                continue;
            }
            HttpResponse<String> tooLarge = chunked(version, huge, false);
            assertEquals(413, tooLarge.statusCode(), version.name());
            assertEquals(PROBLEM, tooLarge.headers().firstValue("Content-Type").orElse(""), version.name());
            assertEquals(true, tooLarge.body().contains("\"code\":\"PAYLOAD_TOO_LARGE\""), tooLarge.body());
            assertEquals(true, tooLarge.body().contains("\"error\":"), tooLarge.body());
        }
    }

    private HttpResponse<String> chunked(HttpClient.Version version, byte[] body, boolean expectContinue)
            throws Exception {
        return HttpClient.newBuilder().version(version).build().send(HttpRequest.newBuilder(
                        base.resolve("/v2/models/" + model + "/infer")).expectContinue(expectContinue)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nestedDataMustHaveTheShapeItClaims() {
        // 8 values as shape [2, 4] says, but 5 in the first row: one value would move to the second row.
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(2, 4), "FP32",
                List.of(List.of(1, 2, 3, 4, 5), List.of(6, 7, 8))))), 400, "INVALID_INPUT")
                .body("error", containsString("nested data that is not of shape [2, 4]"))
                .body("errors[0].field", equalTo("inputs[0].data"));
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(2, 4), "FP32",
                List.of(List.of(1, 2, 3, 4), 5, 6, 7, 8)))), 400, "INVALID_INPUT")
                .body("error", containsString("not of shape"));
        bad(Map.of("inputs", List.of(Oip.tensor("features", List.of(1, 4), "FP32",
                List.of(List.of(List.of(1, 2, 3, 4)))))), 400, "INVALID_INPUT")
                .body("error", containsString("not of shape [1, 4]"));
        given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(Oip.tensor("features", List.of(2, 4), "FP32",
                        List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8))))))
                .post("/v2/models/" + model + "/infer").then().statusCode(200);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        String body = "{\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}";
        for (String type : List.of("text/plain", "application/octet-stream")) {
            given().contentType(type).body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/v2/models/" + model + "/infer").then()
                    .statusCode(415).contentType(PROBLEM).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"))
                    .body("error", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void binaryTensorDataIs415NamingTheWayOut() throws Exception {
        // As tritonclient sends it: a JSON header, the raw bytes after it, and no Content-Type.
        String header = "{\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":16}}]}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(json, json.length + 16);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/v2/models/" + model + "/infer"))
                .header("Inference-Header-Content-Length", Integer.toString(json.length))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\""), response.body());
        assertTrue(response.body().contains("binary_data=False"), response.body());
    }

    @Test
    void moreTensorElementsThanTheLimitIs413() {
        // The default limit is 2,097,152 elements; a 4 MB body of zeros holds more.
        String zeros = String.join(",", Collections.nCopies(2_097_153, "0"));
        bad("{\"inputs\":[{\"name\":\"features\",\"shape\":[524289,4],\"datatype\":\"FP32\",\"data\":["
                + zeros + ",0,0,0]}]}", 413, "PAYLOAD_TOO_LARGE").body("error", containsString("tensor elements"));
    }

    @Test
    void anEmptyListOfRequestedOutputsReturnsEveryOutput() {
        given().contentType(ContentType.JSON).body(Map.of(
                        "inputs", List.of(Oip.tensor("features", List.of(1, 4), "FP32", List.of(1, 2, 3, 4))),
                        "outputs", List.of()))
                .post("/v2/models/" + model + "/infer").then().statusCode(200)
                .body("outputs.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void malformedJsonIs400WithACode() {
        bad("{\"inputs\": [", 400, "MALFORMED_REQUEST");
        bad("[1,2,3]", 400, "MALFORMED_REQUEST");
        bad("", 400, "MALFORMED_REQUEST");
        bad("{\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]} trailing",
                400, "MALFORMED_REQUEST");
        bad("{\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,null,4]}]}",
                400, "INVALID_INPUT");
    }

    private ValidatableResponse bad(Object body, int status, String code) {
        return given().contentType(ContentType.JSON).body(body).post("/v2/models/" + model + "/infer").then()
                .statusCode(status).contentType(PROBLEM).body("code", equalTo(code)).body("status", equalTo(status))
                .body("error", org.hamcrest.Matchers.notNullValue());
    }
}
