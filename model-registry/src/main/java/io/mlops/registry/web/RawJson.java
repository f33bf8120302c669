package io.mlops.registry.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/** A JSON document already rendered, written into a larger answer as it is. */
@JsonSerialize(using = RawJson.Writer.class)
public record RawJson(String text) {

    /** Copies the text into the output instead of quoting it as a string. */
    static final class Writer extends JsonSerializer<RawJson> {

        @Override
        public void serialize(RawJson value, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeRawValue(value.text());
        }
    }
}
