package io.mlops.features.offline.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.features.offline.service.HistoricalSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV: a header of entity columns then features; an empty cell is a missing or null value.
 * Strings are unquoted from their JSON form; nested values are written as JSON text.
 */
final class CsvHistoricalSink implements HistoricalSink {

    private final Writer out;
    private final ObjectMapper mapper;
    private List<String> entityColumns;

    CsvHistoricalSink(OutputStream stream, ObjectMapper mapper) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        this.mapper = mapper;
    }

    @Override
    public void begin(List<String> columns, List<String> featureNames) throws IOException {
        this.entityColumns = columns;
        boolean first = true;
        for (String name : columns) {
            first = separator(first);
            cell(name);
        }
        for (String name : featureNames) {
            first = separator(first);
            cell(name);
        }
        out.write("\r\n");
    }

    @Override
    public void row(Map<String, Object> entityRow, String[] features) throws IOException {
        boolean first = true;
        for (String column : entityColumns) {
            first = separator(first);
            Object value = entityRow.get(column);
            if (value != null) {
                cell(value instanceof String || value instanceof Number || value instanceof Boolean
                        ? value.toString() : mapper.writeValueAsString(value));
            }
        }
        for (String json : features) {
            first = separator(first);
            if (json != null && !"null".equals(json)) {
                cell(json.startsWith("\"") ? mapper.readValue(json, String.class) : json);
            }
        }
        out.write("\r\n");
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private boolean separator(boolean first) throws IOException {
        if (!first) {
            out.write(',');
        }
        return false;
    }

    private void cell(String text) throws IOException {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        if (!quote) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }
}
