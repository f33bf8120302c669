package io.mlops.common.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Request bodies of the platform's own API, read strictly: a member the body type does not have
 * ({@code "descripton"}) is 400 naming it instead of being dropped in silence, and a fraction where
 * an integer belongs ({@code "version": 1.5}) is refused instead of truncated. Put on a resource
 * with {@code @CustomDeserialization(StrictJson.class)}. Routes that take another tool's shape
 * (Feast's, the Open Inference Protocol's) stay lenient, as those tools' clients send members of
 * their own.
 */
public class StrictJson implements BiFunction<ObjectMapper, Type, ObjectReader> {

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return reader(mapper, type);
    }

    /** The strict reader of {@code type}, for code that reads a body itself rather than through the annotation. */
    public static ObjectReader reader(ObjectMapper mapper, Type type) {
        return mapper.readerFor(mapper.constructType(type))
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
