package io.mlops.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.mlops.common.text.WellFormedText;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Request bodies of the platform's own API, read strictly: a member the body type does not have
 * ({@code "descripton"}) is 400 naming it instead of being dropped in silence; a fraction where an
 * integer belongs ({@code "version": 1.5}) is refused instead of truncated; and a value of the
 * wrong JSON type is refused instead of converted ({@code "name": true} is not the name
 * {@code "true"}, {@code "rows": "10"} not 10, {@code "shadow": 1} not true, an enum is named, not
 * numbered: {@code "valueType": 1} is not {@code STRING}); and a string or map key holding half
 * of a surrogate pair, which no store could keep as sent ({@link WellFormedText}), is refused. Put on a resource with
 * {@code @CustomDeserialization(StrictJson.class)}. Routes that take another tool's shape (Feast's,
 * the Open Inference Protocol's) stay lenient, as those tools' clients send members of their own.
 */
public class StrictJson implements BiFunction<ObjectMapper, Type, ObjectReader> {

    /** One strict copy per application mapper (there is one), made on first use. */
    private static final Map<ObjectMapper, ObjectMapper> STRICT = new ConcurrentHashMap<>();

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return reader(mapper, type);
    }

    /** The strict reader of {@code type}, for code that reads a body itself rather than through the annotation. */
    public static ObjectReader reader(ObjectMapper mapper, Type type) {
        ObjectMapper strict = STRICT.computeIfAbsent(mapper, StrictJson::strictCopy);
        return strict.readerFor(strict.constructType(type))
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Coercion is a mapper setting, not a reader's, so the strict reader needs a mapper of its own;
     * a copy keeps every module and setting of the application's.
     */
    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS: still how Jackson 2 turns scalar coercion off
    private static ObjectMapper strictCopy(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("mlops-well-formed-text")
                .addDeserializer(String.class, new WellFormedStrings())
                .addKeyDeserializer(String.class, new WellFormedKeys()));
        return strict;
    }

    /** Strings read as Jackson reads them, then refused if they hold a lone surrogate ({@link WellFormedText}). */
    static final class WellFormedStrings extends StdScalarDeserializer<String> {

        WellFormedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = text == null ? null : WellFormedText.problem(text);
            if (problem != null) {
                throw ctxt.weirdStringException(text, String.class, "the string " + problem);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Map keys (tags, parameters) held to the same rule as values. */
    static final class WellFormedKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = WellFormedText.problem(key);
            if (problem != null) {
                throw ctxt.weirdKeyException(String.class, key, "the key " + problem);
            }
            return key;
        }
    }
}
