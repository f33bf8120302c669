package io.mlops.features.offline.rest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.features.offline.service.HistoricalSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code {"metadata":{"feature_names":[...]},"rows":[{...entity columns, ...features}]}}. Feature
 * values are copied as the JSON PostgreSQL returns, without parsing them.
 */
final class JsonHistoricalSink implements HistoricalSink {

    private final JsonGenerator json;
    private List<String> featureNames;

    JsonHistoricalSink(OutputStream out, ObjectMapper mapper) throws IOException {
        this.json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
    }

    @Override
    public void begin(List<String> entityColumns, List<String> names) throws IOException {
        this.featureNames = names;
        json.writeStartObject();
        json.writeObjectFieldStart("metadata");
        json.writeArrayFieldStart("feature_names");
        for (String name : names) {
            json.writeString(name);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeArrayFieldStart("rows");
    }

    @Override
    public void row(Map<String, Object> entityRow, String[] features) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> column : entityRow.entrySet()) {
            json.writeFieldName(column.getKey());
            json.writeObject(column.getValue());
        }
        for (int i = 0; i < features.length; i++) {
            json.writeFieldName(featureNames.get(i));
            if (features[i] == null) {
                json.writeNull();
            } else {
                json.writeRawValue(features[i]);
            }
        }
        json.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }
}
