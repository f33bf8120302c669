package io.mlops.monitor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.InvalidEventException;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.monitor.stream.service.DecodedPrediction;
import io.mlops.monitor.stream.service.PredictionDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader must agree with the platform's event reader on every event: the same
 * prediction for valid ones, and the platform reader's error (for the dead-letter header) otherwise.
 */
class PredictionDecoderTest {

    private static final String ENVELOPE = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/mlops/inference-service\","
            + "\"type\":\"io.mlops.inference.prediction.v1\",\"time\":\"2025-03-01T10:00:00Z\",\"actor\":\"a\",\"data\":%s}";

    @Test
    void agreesWithTheEventReaderOnValidEvents() {
        for (String data : List.of(
                "{\"predictionId\":\"p1\",\"model\":\"churn\",\"version\":3,\"arm\":\"champion\",\"latencyMs\":2.5,"
                        + "\"rows\":[{\"features\":{\"age\":41,\"income\":5.5e4,\"plan\":\"pro\",\"vip\":true,\"gone\":null},"
                        + "\"outputs\":{\"probabilities\":[0.2,0.8],\"n\":1},\"predictedLabel\":\"bad\",\"score\":0.2,"
                        + "\"featureTimestamps\":{\"age\":\"2025-03-01T09:00:00Z\"}}],\"timestamp\":\"2025-03-01T10:00:01.5Z\"}",
                "{\"predictionId\":\"p2\",\"requestId\":\"r\",\"model\":\"m\",\"version\":1,\"alias\":\"challenger\","
                        + "\"arm\":\"shadow\",\"latencyMs\":1,\"unknownField\":{\"x\":[1,2]},"
                        + "\"rows\":[{\"features\":{\"a\":1},\"score\":null},{\"features\":{\"a\":2}}]}",
                "{\"predictionId\":\"p3\",\"model\":\"m\",\"version\":1,\"arm\":\"champion\",\"latencyMs\":1,"
                        + "\"rows\":[{\"features\":{\"nested\":{\"deep\":1}}}],\"timestamp\":\"2025-03-01T12:00:00+02:00\"}")) {
            byte[] bytes = String.format(ENVELOPE, data).getBytes(StandardCharsets.UTF_8);
            CloudEvent<?> event = EventJson.fromBytes(bytes);
            Prediction expected = (Prediction) event.data();
            DecodedPrediction decoded = PredictionDecoder.decode(bytes);
            assertEquals(withoutFeatureTimestamps(expected), withoutFeatureTimestamps(decoded.prediction()), data);
            assertEquals(expected.timestamp() != null ? expected.timestamp() : event.time(), decoded.timestamp());
        }
    }

    /** The monitor does not keep feature timestamps (it checks them, as the rejection test below shows). */
    private static Prediction withoutFeatureTimestamps(Prediction p) {
        return new Prediction(p.predictionId(), p.requestId(), p.model(), p.version(), p.alias(), p.arm(),
                p.rows().stream().map(r -> new PredictionRow(r.features(), r.outputs(), r.predictedLabel(), r.score(),
                        null)).toList(), p.latencyMs(), p.timestamp());
    }

    @Test
    void invalidEventsFailWithTheEventReadersMessage() {
        for (String data : List.of(
                "{\"predictionId\":\"p\",\"model\":\"m\",\"arm\":\"champion\",\"latencyMs\":1,\"rows\":[{}]}",
                "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":1,\"arm\":\"champion\",\"rows\":[{}]}",
                "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":1,\"arm\":\"blue\",\"latencyMs\":1,\"rows\":[{}]}",
                "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":\"one\",\"arm\":\"champion\",\"latencyMs\":1,\"rows\":[]}",
                // Feature timestamps are not kept, but a malformed one still rejects the event.
                "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":1,\"arm\":\"champion\",\"latencyMs\":1,"
                        + "\"rows\":[{\"featureTimestamps\":{\"a\":\"2025-03-01T09:00:00Z\",\"b\":\"yesterday\"}}]}")) {
            byte[] bytes = String.format(ENVELOPE, data).getBytes(StandardCharsets.UTF_8);
            InvalidEventException expected = assertThrows(InvalidEventException.class, () -> EventJson.fromBytes(bytes));
            InvalidEventException actual = assertThrows(InvalidEventException.class, () -> PredictionDecoder.decode(bytes));
            assertEquals(expected.getMessage(), actual.getMessage());
        }
        byte[] noTime = String.format(ENVELOPE.replace("\"time\":\"2025-03-01T10:00:00Z\",", ""),
                "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":1,\"arm\":\"champion\",\"latencyMs\":1,\"rows\":[{}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(InvalidEventException.class, () -> PredictionDecoder.decode(noTime)).getMessage()
                .contains("time"));
        assertThrows(InvalidEventException.class, () -> PredictionDecoder.decode(new byte[] {'{'}));
        // A time the database cannot store is refused, by the streaming reader and by the fallback alike.
        for (String features : List.of("{\"a\":1}", "{\"nested\":{\"deep\":1}}")) {
            for (String time : List.of("+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z")) {
                byte[] outOfRange = String.format(ENVELOPE, "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":1,"
                        + "\"arm\":\"champion\",\"latencyMs\":1,\"rows\":[{\"features\":" + features + "}],"
                        + "\"timestamp\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8);
                assertTrue(assertThrows(InvalidEventException.class, () -> PredictionDecoder.decode(outOfRange))
                        .getMessage().contains("data.timestamp"), time + " " + features);
            }
        }
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), PredictionDecoder.decode(String.format(ENVELOPE,
                "{\"predictionId\":\"p\",\"model\":\"m\",\"version\":1,\"arm\":\"champion\",\"latencyMs\":1,\"rows\":[{}]}")
                .getBytes(StandardCharsets.UTF_8)).timestamp());
    }

    @Test
    void aNulCharacterAnywhereIsRefusedButAnEscapedBackslashBeforeU0000IsText() {
        String nul = "{\"predictionId\":\"p9\",\"model\":\"m\",\"version\":1,\"arm\":\"champion\",\"latencyMs\":1,"
                + "\"rows\":[{\"features\":{\"plan\":\"x\\u0000\"}}]}";
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> PredictionDecoder.decode(String.format(ENVELOPE, nul).getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        // A backslash written as \\ followed by u0000 is the six characters, not a NUL.
        String text = nul.replace("x\\u0000", "x\\\\u0000");
        assertEquals("x\\u0000", PredictionDecoder.decode(String.format(ENVELOPE, text).getBytes(StandardCharsets.UTF_8))
                .prediction().rows().get(0).features().get("plan"));
    }
}
