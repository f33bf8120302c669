package io.mlops.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.mlops.common.text.WellFormedText;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;
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

    /** One strict copy per application mapper (there is one; weakly held, as tests and dev mode start new ones). */
    private static final Map<ObjectMapper, ObjectMapper> STRICT = Collections.synchronizedMap(new WeakHashMap<>());

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
                .addDeserializer(JsonNode.class, new WellFormedTrees())
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

    /**
     * Free-form members (merge patches, a data set's schema, a feedback label) held to the same
     * rule: every text value and field name in the tree.
     */
    static final class WellFormedTrees extends StdDeserializer<JsonNode> {

        WellFormedTrees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
            String bad = firstMalformed(tree);
            if (bad != null) {
                throw ctxt.weirdStringException(bad, JsonNode.class, "the text " + WellFormedText.problem(bad));
            }
            return tree;
        }

        /** As Jackson's own: JSON null is a NullNode, an absent member Java null (merge patches tell them apart). */
        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return NullNode.getInstance();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }

        private static String firstMalformed(JsonNode node) {
            if (node.isTextual()) {
                return WellFormedText.loneSurrogate(node.textValue()) >= 0 ? node.textValue() : null;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                String bad = WellFormedText.loneSurrogate(member.getKey()) >= 0 ? member.getKey()
                        : firstMalformed(member.getValue());
                if (bad != null) {
                    return bad;
                }
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    String bad = firstMalformed(element);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            return null;
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
