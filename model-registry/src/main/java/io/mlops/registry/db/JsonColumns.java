package io.mlops.registry.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts JSONB columns to and from Java values with the application's JSON settings. */
@ApplicationScoped
public class JsonColumns {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> DOUBLE_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Integer>> INT_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private final ObjectMapper mapper;

    public JsonColumns(ObjectMapper mapper) {
        // Stored values are read without the request bodies' nesting limit: a value stored before
        // that limit existed must stay readable.
        this.mapper = mapper.copy();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.defaults());
    }

    public Jdbc.Json write(Object value) {
        try {
            return new Jdbc.Json(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON column: " + e.getOriginalMessage(), e);
        }
    }

    public Map<String, String> stringMap(String json) {
        return json == null ? new LinkedHashMap<>() : read(json, STRING_MAP);
    }

    public Map<String, Double> doubleMap(String json) {
        return json == null ? new LinkedHashMap<>() : read(json, DOUBLE_MAP);
    }

    public Map<String, Integer> intMap(String json) {
        return json == null ? new LinkedHashMap<>() : read(json, INT_MAP);
    }

    public List<String> stringList(String json) {
        return json == null ? List.of() : read(json, STRING_LIST);
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
