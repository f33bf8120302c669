package io.mlops.registry.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * A JSON document already rendered, written into a larger answer as it is. It keeps its UTF-8
 * encoding too, made once: a cached version is written thousands of times, and encoding its text
 * again for every answer was the largest allocation of an alias resolution.
 */
@JsonSerialize(using = RawJson.Writer.class)
public final class RawJson {

    private final SerializedString json;

    public RawJson(String text) {
        this.json = new SerializedString(text);
        json.asUnquotedUTF8();
    }

    public String text() {
        return json.getValue();
    }

    /** The UTF-8 bytes, shared by every answer that writes this document: never to be changed. */
    public byte[] utf8() {
        return json.asUnquotedUTF8();
    }

    /** Roughly the bytes this document holds on the heap (its text and its encoding). */
    public int weight() {
        return text().length() + utf8().length + 64;
    }

    /** Copies the encoded bytes into the output instead of quoting the text as a string. */
    static final class Writer extends JsonSerializer<RawJson> {

        @Override
        public void serialize(RawJson value, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeRawValue(value.json);
        }
    }
}
