package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad push is a clear 4xx and writes nothing: a good row in the same batch is not stored either. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PushValidationTest {

    private static final Instant T = Instant.parse("2024-05-01T00:00:00Z");
    private String view;

    @BeforeEach
    void createView() {
        Map<String, String> features = new LinkedHashMap<>();
        features.put("spend", "DOUBLE");
        features.put("plan", "STRING");
        view = Fixtures.view("push", "customer_id", 0, features);
    }

    private Map<String, Object> good() {
        return row("customer_id", 1, T, "spend", 1.5, "plan", "gold");
    }

    private void nothingStored() {
        online(List.of(view + ":spend"), "customer_id", List.of(1, 2))
                .statusCode(200).body("results[1].statuses", contains("NOT_FOUND", "NOT_FOUND"));
        given().contentType(ContentType.JSON)
                .body(Map.of("features", List.of(view + ":spend"), "entityRows",
                        List.of(Map.of("customer_id", 1, "event_timestamp", "2030-01-01T00:00:00Z"))))
                .when().post("/api/v1/historical-features")
                .then().statusCode(200).body("rows[0].spend", equalTo(null));
    }

    @Test
    void aStringIntoADoubleIsASchemaViolationNamingTheCell() {
        push(view, "online_and_offline", List.of(good(), row("customer_id", 2, T, "spend", "lots", "plan", "gold")))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("SCHEMA_VIOLATION"))
                .body("errors[0].field", equalTo("rows[1].spend"))
                .body("errors[0].message", containsString("DOUBLE"));
        nothingStored();
    }

    @Test
    void missingJoinKeyOrTimestampIsRejected() {
        Map<String, Object> noKey = new HashMap<>(good());
        noKey.remove("customer_id");
        Map<String, Object> noTime = new HashMap<>(good());
        noTime.put("customer_id", 2);
        noTime.remove("event_timestamp");
        push(view, "online_and_offline", List.of(good(), noKey, noTime))
                .statusCode(422)
                .body("code", equalTo("SCHEMA_VIOLATION"))
                .body("errors.field", hasItem("rows[1].customer_id"))
                .body("errors.field", hasItem("rows[2].event_timestamp"));
        nothingStored();
    }

    @Test
    void farFutureTimestampsAreRejected() {
        push(view, "online", List.of(good(), row("customer_id", 2, Instant.now().plus(1, ChronoUnit.DAYS),
                "spend", 1.0, "plan", "gold")))
                .statusCode(422)
                .body("code", equalTo("SCHEMA_VIOLATION"))
                .body("errors[0].field", equalTo("rows[1].event_timestamp"))
                .body("errors[0].message", containsString("future"));
        nothingStored();
    }

    @Test
    void anUnknownColumnIsUnknownFeatureNamingIt() {
        Map<String, Object> extra = new LinkedHashMap<>(good());
        extra.put("spnd", 2.0);
        push(view, "online", List.of(good(), extra))
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_FEATURE"))
                .body("detail", containsString("spnd"))
                .body("errors.field", hasItem("rows[1].spnd"));
        nothingStored();
    }

    @Test
    void aMissingFeatureColumnIsRejectedButAnExplicitNullIsAccepted() {
        Map<String, Object> missing = new LinkedHashMap<>(good());
        missing.remove("plan");
        push(view, "online", List.of(missing)).statusCode(422).body("errors[0].field", equalTo("rows[0].plan"));
        nothingStored();
        Map<String, Object> explicitNull = new LinkedHashMap<>(good());
        explicitNull.put("plan", null);
        push(view, "online", List.of(explicitNull)).statusCode(200);
        online(List.of(view + ":plan"), "customer_id", List.of(1))
                .statusCode(200).body("results[1].statuses", contains("NULL_VALUE"));
    }

    @Test
    void aBatchOverTheRowLimitIs413() {
        List<Map<String, Object>> rows = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            rows.add(row("customer_id", i, T, "spend", 1.0, "plan", "gold"));
        }
        push(view, "online_and_offline", rows)
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
        nothingStored();
    }

    @Test
    void malformedJsonWrongMediaTypeUnknownViewAndBadTarget() {
        given().contentType(ContentType.JSON).body("{\"to\": \"online\", \"rows\": [{\"customer_id\": 1,")
                .when().post("/api/v1/feature-views/" + view + "/push")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.TEXT).body("customer_id=1")
                .when().post("/api/v1/feature-views/" + view + "/push")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        push(Fixtures.unique("absent"), "online", List.of(good()))
                .statusCode(404).body("code", equalTo("FEATURE_VIEW_NOT_FOUND"));
        push(view, "everywhere", List.of(good()))
                .statusCode(422).body("errors[0].field", equalTo("to"));
        nothingStored();
    }

    @Test
    void feastColumnarDfIsAccepted() {
        given().contentType(ContentType.JSON)
                .body(Map.of("push_source_name", view, "to", "online", "df", Map.of(
                        "customer_id", List.of(1, 2),
                        "event_timestamp", List.of(T.toString(), T.toString()),
                        "spend", List.of(3.0, 4.0),
                        "plan", List.of("a", "b"))))
                .when().post("/api/v1/feature-views/" + view + "/push")
                .then().statusCode(200).body("rows", equalTo(2));
        online(List.of(view + ":spend"), "customer_id", List.of(1, 2))
                .statusCode(200).body("results[1].values", contains(3.0f, 4.0f));
    }

    @Test
    void aBodyAnnouncedOverTheHttpLimitIs413ProblemJsonBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/feature-views/" + view + "/push HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), response);
        }
    }

    @Test
    void aChunkedPushThatOutgrowsTheLimitIs413ProblemJson() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/feature-views/" + view + "/push HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, "{\"to\":\"online\",\"rows\":[".getBytes(StandardCharsets.US_ASCII));
            // Whitespace between tokens is valid JSON: no row limit is met, only the byte limit (64M).
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            try {
                for (int i = 0; i < 80; i++) {
                    chunk(out, spaces);
                }
                chunk(out, "]}".getBytes(StandardCharsets.US_ASCII));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedByTheServer) {
                // It answered and stopped reading: what it said is what matters.
            }
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), response);
        }
        nothingStored();
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one HTTP response (headers, then Content-Length bytes) without waiting for the connection to close. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
