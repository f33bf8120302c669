package io.mlops.registry.model.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.events.registry.ModelCreated;
import io.mlops.registry.artifact.ArtifactStore;
import io.mlops.registry.config.Limits;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.events.RegistryEvents;
import io.mlops.registry.model.repository.ModelRepository;
import io.mlops.registry.model.repository.ModelRow;
import io.mlops.registry.model.rest.CreateModelRequest;
import io.mlops.registry.search.FilterParser;
import io.mlops.registry.search.Page;
import io.mlops.registry.search.PageRequest;
import io.mlops.registry.search.SqlFilter;
import io.mlops.registry.validation.Violations;
import io.mlops.registry.version.repository.VersionRepository;
import io.mlops.registry.web.AfterCommit;
import io.mlops.registry.web.ETags;
import io.mlops.registry.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Creating, reading, searching, changing and deleting registered models. */
@ApplicationScoped
public class ModelService {

    private static final Set<String> PATCHABLE = Set.of("description", "tags");

    private final ModelRepository models;
    private final VersionRepository versions;
    private final RegistryEvents events;
    private final CurrentActor actor;
    private final Limits limits;
    private final ArtifactStore artifacts;
    private final AfterCommit afterCommit;

    public ModelService(ModelRepository models, VersionRepository versions, RegistryEvents events, CurrentActor actor,
                        Limits limits, ArtifactStore artifacts, AfterCommit afterCommit) {
        this.models = models;
        this.versions = versions;
        this.events = events;
        this.actor = actor;
        this.limits = limits;
        this.artifacts = artifacts;
        this.afterCommit = afterCommit;
    }

    /** A model just created, with the revision its ETag carries. */
    public record Created(ModelCreated json, long revision) {
    }

    @Transactional
    public Created create(CreateModelRequest request) {
        if (request == null) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The body must be a JSON object with at least a name");
        }
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        Violations violations = new Violations();
        violations.name("name", request.name());
        violations.text("description", request.description(), limits.fields().maxDescriptionLength());
        checkTags(violations, tags);
        violations.throwIfAny();
        Instant now = Jdbc.now();
        String who = actor.name();
        long revision = models.insert(request.name(), request.description(), tags, now, who).orElseThrow(() ->
                new PlatformException(ErrorCode.MODEL_ALREADY_EXISTS, "Model '" + request.name() + "' already exists"));
        ModelCreated created = new ModelCreated(request.name(), request.description(), new TreeMap<>(tags), now, now,
                null, Map.of());
        events.modelCreated(created);
        return new Created(created, revision);
    }

    public ModelRow get(String name) {
        return models.find(name).orElseThrow(() -> notFound(name));
    }

    public Page<ModelCreated> search(String filter, String orderBy, Integer pageSize, String pageToken) {
        var where = SqlFilter.where(FilterParser.parse(filter), ModelRepository.FIELDS);
        var order = SqlFilter.orderBy(FilterParser.parseOrderBy(orderBy), ModelRepository.FIELDS, "m.name ASC", "m.id");
        PageRequest page = PageRequest.of(pageSize, pageToken, limits.paging().defaultPageSize(),
                limits.paging().maxPageSize(), "models", filter, orderBy);
        List<ModelCreated> rows = models.search(where, order, page).stream().map(ModelRow::toJson).toList();
        return Page.of(rows, page);
    }

    @Transactional
    public ModelRow update(String name, JsonNode body, String ifMatch) {
        MergePatch patch = MergePatch.of(body, PATCHABLE);
        ModelRow current = models.lock(name).orElseThrow(() -> notFound(name));
        ETags.check(ifMatch, current.revision(), "Model '" + name + "'");
        String description = patch.has("description") ? patch.text("description") : current.description();
        Map<String, String> tags = patch.mergeMap("tags", current.tags());
        Violations violations = patch.violations();
        violations.text("description", description, limits.fields().maxDescriptionLength());
        checkTags(violations, tags);
        violations.throwIfAny();
        models.update(current.id(), description, tags, Jdbc.now(), actor.name());
        return models.find(name).orElseThrow();
    }

    /** Deletes a model with its versions and their artifacts; refused while any alias points into it. */
    @Transactional
    public void delete(String name, String ifMatch) {
        ModelRow current = models.lock(name).orElseThrow(() -> notFound(name));
        ETags.check(ifMatch, current.revision(), "Model '" + name + "'");
        if (!current.aliases().isEmpty()) {
            throw PlatformException.conflict("Model '" + name + "' still has aliases " + current.aliases()
                    + "; delete them before the model");
        }
        List<String> keys = versions.artifactKeys(current.id());
        models.delete(current.id());
        events.modelDeleted(name);
        afterCommit.run(() -> keys.forEach(key -> artifacts.deleteQuietly(key, "deleted model " + name)));
    }

    private void checkTags(Violations violations, Map<String, String> tags) {
        var f = limits.fields();
        violations.stringMap("tags", tags, f.maxTags(), f.maxTagKeyLength(), f.maxTagValueLength());
    }

    public static PlatformException notFound(String name) {
        return PlatformException.notFound(ErrorCode.MODEL_NOT_FOUND, "Model", name);
    }
}
