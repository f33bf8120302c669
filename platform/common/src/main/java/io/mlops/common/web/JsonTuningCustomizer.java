package io.mlops.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.events.JsonTuning;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Gives each service's REST mapper the same {@link JsonTuning} as the events' mapper, and reads
 * request bodies nested at most {@link #MAX_REQUEST_DEPTH} deep: an answer wraps what it stores a
 * few levels deeper, and Jackson writes at most 1,000 levels, so a value stored at the reading
 * limit's default (also 1,000) could never be written back, breaking every list that holds it.
 */
@Singleton
public class JsonTuningCustomizer implements ObjectMapperCustomizer {

    /** Far beyond any schema, tag or tensor of the API, far below what an answer can write. */
    static final int MAX_REQUEST_DEPTH = 256;

    @Override
    public void customize(ObjectMapper mapper) {
        JsonTuning.apply(mapper);
        mapper.getFactory().setStreamReadConstraints(mapper.getFactory().streamReadConstraints().rebuild()
                .maxNestingDepth(MAX_REQUEST_DEPTH).build());
    }

    /** Last, after Quarkus has registered its modules, so the instant serializer is found first. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
