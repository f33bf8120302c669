package io.mlops.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.events.JsonTuning;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives each service's REST mapper the same {@link JsonTuning} as the events' mapper. */
@Singleton
public class JsonTuningCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonTuning.apply(mapper);
    }

    /** Last, after Quarkus has registered its modules, so the instant serializer is found first. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
