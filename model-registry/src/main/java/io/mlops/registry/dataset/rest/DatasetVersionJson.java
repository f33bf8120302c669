package io.mlops.registry.dataset.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A registered dataset version: the content digest and size that make training reproducible. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetVersionJson(
        String name,
        int version,
        String digest,
        long rows,
        JsonNode schema,
        String location,
        String description,
        Instant createdAt,
        String createdBy) {
}
