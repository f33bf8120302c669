package io.mlops.registry.version.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.VersionStatus;
import io.mlops.registry.artifact.ArtifactStore;
import io.mlops.registry.config.Limits;
import io.mlops.registry.db.DataAccessException;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.events.RegistryEvents;
import io.mlops.registry.metrics.RegistryMetrics;
import io.mlops.registry.model.repository.ModelRepository;
import io.mlops.registry.model.repository.ModelRow;
import io.mlops.registry.model.service.ModelService;
import io.mlops.registry.search.FilterParser;
import io.mlops.registry.search.Page;
import io.mlops.registry.search.PageRequest;
import io.mlops.registry.search.SqlFilter;
import io.mlops.registry.search.SqlFragment;
import io.mlops.registry.tracking.run.service.RunService;
import io.mlops.registry.version.repository.NewVersion;
import io.mlops.registry.version.repository.VersionKey;
import io.mlops.registry.version.repository.VersionRepository;
import io.mlops.registry.version.repository.VersionRow;
import io.mlops.registry.web.AfterCommit;
import io.mlops.registry.web.ETags;
import io.mlops.registry.web.MergePatch;
import io.mlops.registry.web.RawJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transactional side of versions: numbering and inserting an inspected upload, reading,
 * searching, changing and deleting. Every change takes the model's row lock first.
 */
@ApplicationScoped
public class VersionService {

    private static final Set<String> PATCHABLE = Set.of("description", "tags", "status");

    private final ModelRepository models;
    private final VersionRepository versions;
    private final RegistryEvents events;
    private final RegistryMetrics metrics;
    private final CurrentActor actor;
    private final AfterCommit afterCommit;
    private final ArtifactStore artifacts;
    private final Limits limits;
    private final RenderedVersions rendered;

    public VersionService(ModelRepository models, VersionRepository versions, RegistryEvents events,
                          RegistryMetrics metrics, CurrentActor actor, AfterCommit afterCommit, ArtifactStore artifacts,
                          Limits limits, RenderedVersions rendered) {
        this.models = models;
        this.versions = versions;
        this.events = events;
        this.metrics = metrics;
        this.actor = actor;
        this.afterCommit = afterCommit;
        this.artifacts = artifacts;
        this.limits = limits;
        this.rendered = rendered;
    }

    /** What an upload produced before numbering: the stored artifact's facts and the checked metadata. */
    public record Inspected(String model, String artifactKey, String sha256, long sizeBytes, UploadMetadata metadata,
                            io.mlops.events.registry.Signature signature, java.util.UUID runId, Long datasetVersionId) {
    }

    /**
     * Numbers and records an inspected upload. The model row is locked by the increment, so
     * concurrent uploads get consecutive numbers and none is lost or repeated.
     */
    @Transactional
    public VersionRow register(Inspected in) {
        // The artifact is stored already: it goes if this transaction rolls back, and only then.
        afterCommit.onRollback(() -> artifacts.deleteQuietly(in.artifactKey(), "a refused upload to " + in.model()));
        var now = Jdbc.now();
        String who = actor.name();
        long[] idAndVersion = models.nextVersion(in.model(), now, who)
                .orElseThrow(() -> ModelService.notFound(in.model()));
        int version = Math.toIntExact(idAndVersion[1]);
        UploadMetadata m = in.metadata();
        try {
            versions.insert(new NewVersion(idAndVersion[0], version, in.sha256(), in.sizeBytes(), in.artifactKey(),
                    in.runId(), in.datasetVersionId(), m.description(), m.tags(), m.task(), m.labels(), m.positiveLabel(),
                    in.signature(), m.featureRefs(), m.encodings(), m.metrics(), m.params(), m.referenceProfile(), now, who));
        } catch (DataAccessException e) {
            if (e.isForeignKeyViolation() && in.runId() != null) {
                throw RunService.notFound(in.runId().toString());
            }
            throw e;
        }
        VersionRow created = versions.find(in.model(), version).orElseThrow();
        events.versionCreated(created.json());
        afterCommit.run(() -> metrics.versionCreated(in.model(), in.sizeBytes()));
        return created;
    }

    public VersionRow get(String model, String version) {
        if ("latest".equals(version)) {
            requireModel(model);
            return versions.latest(model).orElseThrow(() -> new PlatformException(ErrorCode.VERSION_NOT_FOUND,
                    "Model '" + model + "' has no versions yet"));
        }
        int number = parseVersion(model, version);
        return versions.find(model, number).orElseThrow(() -> versionNotFound(model, number));
    }

    /** Search across all models, or within one when {@code model} is given. */
    public Page<RawJson> search(String model, String filter, String orderBy, Integer pageSize, String pageToken) {
        SqlFragment where = SqlFilter.where(FilterParser.parse(filter), VersionRepository.FIELDS);
        String defaultOrder = "v.created_at DESC";
        if (model != null) {
            requireModel(model);
            List<Object> params = new ArrayList<>();
            params.add(model);
            params.addAll(where.params());
            where = new SqlFragment("m.name = ? AND (" + where.sql() + ")", params);
            defaultOrder = "v.version DESC";
        }
        SqlFragment order = SqlFilter.orderBy(FilterParser.parseOrderBy(orderBy), VersionRepository.FIELDS,
                defaultOrder, "m.name, v.version");
        PageRequest page = PageRequest.of(pageSize, pageToken, limits.paging().defaultPageSize(),
                limits.paging().maxPageSize(), "versions", model, filter, orderBy);
        Page<VersionKey> keys = Page.of(versions.searchKeys(where, order, page), page);
        return new Page<>(rendered.of(keys.items()), keys.nextPageToken());
    }

    public String profile(String model, String version) {
        VersionRow row = get(model, version);
        return versions.profile(model, row.json().version()).orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND,
                "Version " + row.json().version() + " of model '" + model + "' was registered without a reference profile"));
    }

    /** Changes description, tags (merged) and status; an aliased version cannot be archived. */
    @Transactional
    public VersionRow update(String model, String version, JsonNode body, String ifMatch) {
        MergePatch patch = MergePatch.of(body, PATCHABLE);
        int number = parseVersion(model, version);
        models.lock(model).orElseThrow(() -> ModelService.notFound(model));
        VersionRow current = versions.find(model, number).orElseThrow(() -> versionNotFound(model, number));
        ETags.check(ifMatch, current.revision(), "Version " + number + " of model '" + model + "'");
        ModelVersion v = current.json();
        String description = patch.has("description") ? patch.text("description") : v.description();
        Map<String, String> tags = patch.mergeMap("tags", v.tags());
        VersionStatus status = v.status();
        var violations = patch.violations();
        if (patch.has("status")) {
            String text = patch.text("status");
            if ("READY".equals(text) || "ARCHIVED".equals(text)) {
                status = VersionStatus.valueOf(text);
            } else {
                violations.add("status", "must be READY or ARCHIVED");
            }
        }
        var f = limits.fields();
        violations.text("description", description, f.maxDescriptionLength());
        violations.stringMap("tags", tags, f.maxTags(), f.maxTagKeyLength(), f.maxTagValueLength());
        violations.throwIfAny();
        if (status == VersionStatus.ARCHIVED && !v.aliases().isEmpty()) {
            throw PlatformException.conflict("Version " + number + " of model '" + model + "' is aliased as "
                    + v.aliases() + "; move or delete those aliases before archiving it");
        }
        versions.update(current.modelId(), number, description, tags, status, Jdbc.now(), actor.name());
        VersionRow updated = versions.find(model, number).orElseThrow();
        events.versionUpdated(updated.json());
        return updated;
    }

    /** Deletes a version and, after commit, its artifact; refused while an alias points at it. */
    @Transactional
    public void delete(String model, String version, String ifMatch) {
        int number = parseVersion(model, version);
        ModelRow locked = models.lock(model).orElseThrow(() -> ModelService.notFound(model));
        VersionRow current = versions.find(model, number).orElseThrow(() -> versionNotFound(model, number));
        ETags.check(ifMatch, current.revision(), "Version " + number + " of model '" + model + "'");
        if (!current.json().aliases().isEmpty()) {
            throw PlatformException.conflict("Version " + number + " of model '" + model + "' is aliased as "
                    + current.json().aliases() + "; move or delete those aliases first");
        }
        versions.delete(locked.id(), number);
        models.touch(locked.id(), Jdbc.now(), actor.name());
        events.versionDeleted(model, number);
        String key = current.artifactKey();
        afterCommit.run(() -> artifacts.deleteQuietly(key, "deleted version " + model + "/" + number));
    }

    private void requireModel(String model) {
        if (models.find(model).isEmpty()) {
            throw ModelService.notFound(model);
        }
    }

    /** A version number from a path, or 404 for text that cannot be one. */
    public static int parseVersion(String model, String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below like any other version that does not exist
        }
        throw new PlatformException(ErrorCode.VERSION_NOT_FOUND, "Model '" + model + "' has no version '" + version
                + "'; versions are integers from 1");
    }

    public static PlatformException versionNotFound(String model, int version) {
        return new PlatformException(ErrorCode.VERSION_NOT_FOUND, "Model '" + model + "' has no version " + version);
    }
}
