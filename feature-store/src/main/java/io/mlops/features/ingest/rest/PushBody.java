package io.mlops.features.ingest.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.mlops.events.features.PushTarget;
import io.mlops.features.error.FeatureErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a push body as a stream, one row at a time, and stops with 413 at the first row past the
 * limit: an oversized batch is refused without ever being held in memory. Accepts rows
 * ({@code "rows":[{...}]}) and, for Feast clients, columns ({@code "df":{"col":[...]}}).
 */
public final class PushBody {

    /**
     * The parsed body.
     *
     * @param pushSourceName Feast's {@code push_source_name}, if given
     */
    public record Parsed(PushTarget to, List<Object> rows, String pushSourceName) {
    }

    private PushBody() {
    }

    public static Parsed read(InputStream in, ObjectMapper mapper, int maxRows) throws IOException {
        ObjectReader values = mapper.reader().with(DeserializationFeature.USE_LONG_FOR_INTS).forType(Object.class);
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw MismatchedInputException.from(p, Map.class, "The body must be a JSON object {\"to\", \"rows\"}");
            }
            PushTarget to = PushTarget.ONLINE;
            List<Object> rows = null;
            String source = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "to" -> to = target(token == JsonToken.VALUE_STRING ? p.getText() : null);
                    case "rows" -> rows = rows(p, values, maxRows);
                    case "df" -> rows = columns(p, values, maxRows);
                    case "push_source_name" -> source = token == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw MismatchedInputException.from(p, Map.class, "Unexpected content after the JSON object");
            }
            if (rows == null) {
                throw FeatureErrors.validation("rows", "rows is required: [{\"<joinKey>\": ..., \"event_timestamp\": ..., ...}]");
            }
            return new Parsed(to, rows, source);
        }
    }

    private static PushTarget target(String text) {
        for (PushTarget t : PushTarget.values()) {
            if (t.wireName().equals(text)) {
                return t;
            }
        }
        throw FeatureErrors.validation("to", "to must be one of online, offline, online_and_offline");
    }

    private static List<Object> rows(JsonParser p, ObjectReader values, int maxRows) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw FeatureErrors.validation("rows", "rows must be an array of objects");
        }
        List<Object> rows = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (rows.size() == maxRows) {
                throw tooLarge(maxRows);
            }
            // Anything but an object is kept: the validator reports it as rows[i] with every other problem.
            rows.add(values.readValue(p));
        }
        return rows;
    }

    private static List<Object> columns(JsonParser p, ObjectReader values, int maxRows) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw FeatureErrors.validation("df", "df must be an object of columns {\"column\": [values...]}");
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw FeatureErrors.validation("df." + name, "each df column must be an array");
            }
            List<Object> column = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (column.size() == maxRows) {
                    throw tooLarge(maxRows);
                }
                column.add(values.readValue(p));
            }
            columns.put(name, column);
        }
        int size = columns.values().stream().mapToInt(List::size).max().orElse(0);
        for (Map.Entry<String, List<Object>> c : columns.entrySet()) {
            if (c.getValue().size() != size) {
                throw FeatureErrors.validation("df." + c.getKey(), "has " + c.getValue().size()
                        + " values; every df column must have " + size);
            }
        }
        List<Object> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, List<Object>> c : columns.entrySet()) {
                row.put(c.getKey(), c.getValue().get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static RuntimeException tooLarge(int maxRows) {
        return FeatureErrors.tooLarge("The batch has more than " + maxRows + " rows; split it into batches of at most "
                + maxRows + " (mlops.features.ingest.max-rows-per-batch)");
    }
}
