package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The registry's model JSON, the {@code data} of {@code model.created}. The same shape the REST API
 * returns for a model, so one record serves both.
 *
 * @param latestVersion {@code null} until a first version is registered
 * @param aliases alias name to the version it points at
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCreated(
        String name,
        String description,
        Map<String, String> tags,
        Instant createdAt,
        Instant updatedAt,
        Integer latestVersion,
        Map<String, Integer> aliases) {
}
