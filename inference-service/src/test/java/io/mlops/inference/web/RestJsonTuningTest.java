package io.mlops.inference.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.events.time.InstantTextSerializer;
import io.mlops.inference.support.StandInsResource;
import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST mapper Quarkus builds gets the platform's JSON tuning, after its own modules. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestJsonTuningTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void instantsAndDoublesGoThroughTheFastWriters() throws Exception {
        assertInstanceOf(InstantTextSerializer.class, mapper.getSerializerProviderInstance().findValueSerializer(Instant.class));
        assertTrue(mapper.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
        assertEquals("{\"t\":\"2024-05-01T12:00:00.250Z\"}",
                mapper.writeValueAsString(Map.of("t", Instant.parse("2024-05-01T12:00:00.25Z"))));
    }
}
