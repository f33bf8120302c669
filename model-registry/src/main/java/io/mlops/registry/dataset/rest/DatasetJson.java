package io.mlops.registry.dataset.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A dataset and its newest version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetJson(String name, int latestVersion, Instant createdAt, String createdBy, DatasetVersionJson latest) {
}
