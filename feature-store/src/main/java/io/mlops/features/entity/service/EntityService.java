package io.mlops.features.entity.service;

import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.features.entity.repository.EntityRepository;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.error.Names;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers and reads entities. */
@ApplicationScoped
public class EntityService {

    private final EntityRepository repository;

    public EntityService(EntityRepository repository) {
        this.repository = repository;
    }

    /** Registers a new entity; a second entity of the same name is a conflict, even if identical. */
    public Entity create(String name, String joinKey, KeyType valueType, String description,
                         Map<String, String> tags, String actor) {
        List<FieldError> errors = new ArrayList<>();
        Names.checkResource("name", name, errors);
        Names.checkColumn("joinKey", joinKey, errors);
        Names.checkDescriptionAndTags(description, tags, errors);
        if (valueType == null) {
            errors.add(new FieldError("valueType", "is required: INT64 or STRING"));
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.validation("The entity breaks " + errors.size() + " rule(s)", errors);
        }
        Entity entity = new Entity(name, joinKey, valueType, description, tags == null ? Map.of() : Map.copyOf(tags),
                Instant.now().truncatedTo(ChronoUnit.MICROS), actor);
        if (!repository.insertIfAbsent(entity)) {
            throw PlatformException.conflict("Entity '" + name + "' already exists; entities cannot be changed"
                    + " because stored rows are keyed by their join key");
        }
        return entity;
    }

    public Entity get(String name) {
        return repository.find(name).orElseThrow(() -> FeatureErrors.entityNotFound(name));
    }

    public List<Entity> list() {
        return repository.list();
    }
}
