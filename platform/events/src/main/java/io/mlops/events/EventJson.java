package io.mlops.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * CloudEvents structured JSON to and from bytes, with the one {@link ObjectMapper} configuration every
 * producer and consumer shares: RFC 3339 strings for time, nulls left out, unknown members ignored
 * (newer producers may add fields), integers in untyped values read as {@link Long} (feature and key
 * values are INT64), and primitive record components required, so a missing {@code version} is an
 * error rather than version 0.
 *
 * <p>Every failure to read is an {@link InvalidEventException} naming what was wrong, never a
 * Jackson exception or an NPE, so a consumer can send the record to its dead-letter topic with the
 * reason.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonTuning.apply(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .build());

    private EventJson() {
    }

    /** The shared mapper, for reading or writing the event records elsewhere; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsBytes(Objects.requireNonNull(event, "event"));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data", "cannot write event as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON text, e.g. for an outbox table. */
    public static String toJson(CloudEvent<?> event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads an event whose {@code data} is the record {@link EventType} names for its {@code type};
     * for a type this version does not know, {@code data} stays a {@link JsonNode}.
     */
    public static CloudEvent<?> fromBytes(byte[] bytes) {
        JsonNode tree = readTree(bytes);
        Class<?> dataClass = EventType.fromType(tree.path("type").textValue())
                .<Class<?>>map(EventType::dataClass)
                .orElse(JsonNode.class);
        return read(tree, dataClass);
    }

    /**
     * Reads an event with {@code data} as the given class. A record class must be the one the event's
     * type carries; {@link JsonNode} or {@link Map} give a generic view of any event.
     */
    public static <T> CloudEvent<T> fromBytes(byte[] bytes, Class<T> dataClass) {
        Objects.requireNonNull(dataClass, "dataClass");
        return read(readTree(bytes), dataClass);
    }

    public static CloudEvent<?> fromJson(String json) {
        return fromBytes(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public static <T> CloudEvent<T> fromJson(String json, Class<T> dataClass) {
        return fromBytes(json == null ? null : json.getBytes(StandardCharsets.UTF_8), dataClass);
    }

    private static JsonNode readTree(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(null, "empty record: not a CloudEvent");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidEventException(null, "not JSON: " + originalMessage(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(null,
                    "not a CloudEvent: expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        return tree;
    }

    private static <T> CloudEvent<T> read(JsonNode tree, Class<T> dataClass) {
        checkDataClass(tree.path("type").textValue(), dataClass);
        JavaType type = MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, dataClass);
        CloudEvent<T> event;
        try {
            event = MAPPER.readerFor(type).readValue(tree);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw invalid(e);
        } catch (JsonMappingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new InvalidEventException(null, "invalid CloudEvent: " + originalMessage(e), e);
        }
        if (event.data() == null && EventType.fromType(event.type()).isPresent()) {
            throw new InvalidEventException("data", "invalid CloudEvent: " + event.type() + " requires data");
        }
        return event;
    }

    private static void checkDataClass(String typeName, Class<?> requested) {
        EventType.fromType(typeName)
                .filter(known -> requested.isRecord() && !requested.isAssignableFrom(known.dataClass()))
                .ifPresent(known -> {
                    throw new InvalidEventException("type", "invalid CloudEvent: " + typeName + " carries "
                            + known.dataClass().getSimpleName() + ", not " + requested.getSimpleName());
                });
    }

    private static InvalidEventException invalid(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        String reason = e instanceof ValueInstantiationException && e.getCause() != null
                ? e.getCause().getMessage()
                : e.getOriginalMessage();
        return new InvalidEventException(path.isEmpty() ? null : path,
                "invalid CloudEvent: " + (path.isEmpty() ? "" : path + ": ") + reason, e);
    }

    private static String originalMessage(IOException e) {
        return e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
    }
}
