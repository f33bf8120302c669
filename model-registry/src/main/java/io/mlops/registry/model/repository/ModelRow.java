package io.mlops.registry.model.repository;

import io.mlops.events.registry.ModelCreated;
import java.time.Instant;
import java.util.Map;

/** A model as stored, with the aggregates its JSON shows. */
public record ModelRow(
        long id,
        String name,
        String description,
        Map<String, String> tags,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        long revision,
        Integer latestVersion,
        Map<String, Integer> aliases) {

    /** The model JSON of API.md, the same record the {@code model.created} event carries. */
    public ModelCreated toJson() {
        return new ModelCreated(name, description, tags, createdAt, updatedAt, latestVersion, aliases);
    }
}
