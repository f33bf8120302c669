package io.mlops.monitor.stream.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.time.IsoInstants;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-pass streaming reader for the common shape of a prediction event, about three times faster
 * than reading a JSON tree and binding it. It gives up (returns {@code null}) on
 * anything it is not sure about: a missing attribute, an unexpected type, a nested feature value;
 * the caller then reads the record with {@link EventJson}, which produces the same result or the
 * precise error for the dead-letter topic. Equivalence with {@link EventJson} is tested. A row's
 * {@code featureTimestamps} are checked but not kept: nothing in the monitor reads them, and a map of
 * twenty instants per event was a tenth of what parsing allocated.
 */
final class FastPredictionReader {

    /** Feature values are mostly doubles; Jackson's fast double parser reads them several times faster. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final String TYPE = EventType.PREDICTION.type();

    private FastPredictionReader() {
    }

    /** The prediction, or {@code null} to fall back to the full reader. */
    static DecodedPrediction read(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String spec = null;
            String id = null;
            String source = null;
            String type = null;
            Instant time = null;
            Data data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "specversion" -> spec = text(p, t);
                    case "id" -> id = text(p, t);
                    case "source" -> source = text(p, t);
                    case "type" -> type = text(p, t);
                    case "time" -> time = instant(text(p, t));
                    case "data" -> {
                        if (t != JsonToken.START_OBJECT) {
                            return null;
                        }
                        data = data(p);
                        if (data == null) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null || !CloudEvent.SPEC_VERSION.equals(spec) || blank(id) || blank(source)
                    || !TYPE.equals(type) || time == null || data == null) {
                return null;
            }
            return data.build(time);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fields of {@code data} as read so far. */
    private static final class Data {
        String predictionId;
        String requestId;
        String model;
        Integer version;
        String alias;
        Arm arm;
        List<PredictionRow> rows;
        Double latencyMs;
        Instant timestamp;
        boolean timestampSeen;

        DecodedPrediction build(Instant eventTime) {
            if (version == null || latencyMs == null || arm == null || rows == null
                    || (timestampSeen && timestamp == null)) {
                return null;
            }
            Prediction prediction = new Prediction(predictionId, requestId, model, version, alias, arm, rows, latencyMs,
                    timestamp);
            return new DecodedPrediction(prediction, timestamp != null ? timestamp : eventTime);
        }
    }

    private static Data data(JsonParser p) throws IOException {
        Data d = new Data();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "predictionId" -> d.predictionId = nullableText(p, t);
                case "requestId" -> d.requestId = nullableText(p, t);
                case "model" -> d.model = nullableText(p, t);
                case "alias" -> d.alias = nullableText(p, t);
                case "version" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    d.version = p.getIntValue();
                }
                case "arm" -> {
                    String arm = nullableText(p, t);
                    d.arm = arm == null ? null : arm(arm);
                }
                case "latencyMs" -> {
                    if (!t.isNumeric()) {
                        return null;
                    }
                    d.latencyMs = p.getDoubleValue();
                }
                case "timestamp" -> {
                    d.timestampSeen = t != JsonToken.VALUE_NULL;
                    d.timestamp = t == JsonToken.VALUE_NULL ? null : instant(text(p, t));
                }
                case "rows" -> {
                    if (t != JsonToken.START_ARRAY) {
                        return null;
                    }
                    d.rows = new ArrayList<>(1);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        PredictionRow row = row(p);
                        if (row == null) {
                            return null;
                        }
                        d.rows.add(row);
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return d;
    }

    private static PredictionRow row(JsonParser p) throws IOException {
        Map<String, Object> features = null;
        Map<String, Object> outputs = null;
        String predictedLabel = null;
        Double score = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "features" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (t != JsonToken.START_OBJECT || (features = scalars(p, false)) == null) {
                        return null;
                    }
                }
                case "outputs" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (t != JsonToken.START_OBJECT || (outputs = scalars(p, true)) == null) {
                        return null;
                    }
                }
                case "predictedLabel" -> predictedLabel = nullableText(p, t);
                case "score" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (!t.isNumeric()) {
                        return null;
                    }
                    score = p.getDoubleValue();
                }
                case "featureTimestamps" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (t != JsonToken.START_OBJECT || !validInstants(p)) {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new PredictionRow(features, outputs, predictedLabel, score, null);
    }

    /** An object of scalars (and, for outputs, arrays of numbers), typed as the untyped binding types them. */
    private static Map<String, Object> scalars(JsonParser p, boolean numberArrays) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Object value = switch (t) {
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_STRING -> p.getText();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                case START_ARRAY -> numberArrays ? numbers(p) : Fallback.INSTANCE;
                default -> Fallback.INSTANCE;
            };
            if (value == Fallback.INSTANCE) {
                return null;
            }
            out.put(name, value);
        }
        return out;
    }

    private static Object numbers(JsonParser p) throws IOException {
        List<Object> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                out.add(p.getLongValue());
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                out.add(p.getDoubleValue());
            } else {
                return Fallback.INSTANCE;
            }
        }
        return out;
    }

    /** Whether an object holds only instants or nulls, as the full reader requires. */
    private static boolean validInstants(JsonParser p) throws IOException {
        // Features fetched together share one event time: check each distinct text once.
        String lastValid = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            String text = text(p, t);
            if (text == null || (!text.equals(lastValid) && instant(text) == null)) {
                return false;
            }
            lastValid = text;
        }
        return true;
    }

    private static Arm arm(String wire) {
        for (Arm a : Arm.values()) {
            if (a.wireName().equals(wire)) {
                return a;
            }
        }
        return null;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static String nullableText(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalStateException("not text");
        }
        return p.getText();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Marks a value the fast reader does not handle. */
    private enum Fallback { INSTANCE }
}
