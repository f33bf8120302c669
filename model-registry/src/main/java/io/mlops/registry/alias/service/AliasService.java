package io.mlops.registry.alias.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.VersionStatus;
import io.mlops.registry.alias.repository.AliasRepository;
import io.mlops.registry.alias.rest.AliasHistory;
import io.mlops.registry.alias.rest.SetAliasRequest;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.events.RegistryEvents;
import io.mlops.registry.metrics.RegistryMetrics;
import io.mlops.registry.model.repository.ModelRepository;
import io.mlops.registry.model.repository.ModelRow;
import io.mlops.registry.model.service.ModelService;
import io.mlops.registry.validation.Names;
import io.mlops.registry.version.repository.VersionRepository;
import io.mlops.registry.version.repository.VersionRepository.AliasedVersion;
import io.mlops.registry.version.repository.VersionRow;
import io.mlops.registry.version.service.RenderedVersions;
import io.mlops.registry.version.service.VersionService;
import io.mlops.registry.web.AfterCommit;
import io.mlops.registry.web.ETags;
import io.mlops.registry.web.RawJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves, reads and deletes aliases. A move locks the model row, so concurrent moves apply one at
 * a time: the alias, its history row and its event always agree.
 */
@ApplicationScoped
public class AliasService {

    private static final int HISTORY_LIMIT = 1_000;

    private final ModelRepository models;
    private final VersionRepository versions;
    private final AliasRepository aliases;
    private final RegistryEvents events;
    private final RegistryMetrics metrics;
    private final CurrentActor actor;
    private final AfterCommit afterCommit;
    private final RenderedVersions rendered;

    public AliasService(ModelRepository models, VersionRepository versions, AliasRepository aliases,
                        RegistryEvents events, RegistryMetrics metrics, CurrentActor actor, AfterCommit afterCommit,
                        RenderedVersions rendered) {
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
        this.events = events;
        this.metrics = metrics;
        this.actor = actor;
        this.afterCommit = afterCommit;
        this.rendered = rendered;
    }

    /**
     * The JSON of the version an alias points at, with the alias' revision for its ETag. This is
     * the call every model load and {@code name@alias} request makes, so it reads only keys from
     * PostgreSQL and takes the rendered JSON from the cache when the version's revision matches.
     */
    public ResolvedAlias resolve(String model, String alias) {
        var key = versions.findAliasKey(model, alias).orElseThrow(() -> notFound(model, alias));
        return rendered.exactly(key.version())
                .map(json -> new ResolvedAlias(json, key.aliasRevision()))
                // The version changed or the alias moved between the two reads: read both at once.
                .orElseGet(() -> render(versions.findByAlias(model, alias).orElseThrow(() -> notFound(model, alias))));
    }

    /** The rendered version JSON an alias points at, and the alias' own revision (its ETag). */
    public record ResolvedAlias(RawJson version, long aliasRevision) {
    }

    /**
     * An aliased version rendered as a read of the alias answers it. Only for rows already
     * committed: a revision rendered inside a transaction that then rolls back could be reused
     * by the next change with other content, and the cache would serve the wrong one.
     */
    public ResolvedAlias render(AliasedVersion aliased) {
        return new ResolvedAlias(rendered.of(aliased.row()), aliased.aliasRevision());
    }

    private PlatformException notFound(String model, String alias) {
        if (models.find(model).isEmpty()) {
            return ModelService.notFound(model);
        }
        return aliasNotFound(model, alias);
    }

    @Transactional
    public AliasedVersion set(String model, String alias, SetAliasRequest request, String ifMatch) {
        if (!Names.isValid(alias)) {
            throw PlatformException.validation("Alias '" + alias + "' is not a valid name",
                    List.of(new FieldError("alias", Names.rule())));
        }
        if (request == null || request.version() == null || request.version() < 1) {
            throw PlatformException.validation("The body must name the version: {\"version\": 3}",
                    List.of(new FieldError("version", "is required, an integer from 1")));
        }
        int target = request.version();
        ModelRow locked = models.lock(model).orElseThrow(() -> ModelService.notFound(model));
        VersionRow version = versions.find(model, target).orElseThrow(() -> VersionService.versionNotFound(model, target));
        if (version.json().status() != VersionStatus.READY) {
            throw PlatformException.conflict("Version " + target + " of model '" + model + "' is "
                    + version.json().status() + "; only READY versions can be aliased");
        }
        var current = aliases.find(locked.id(), alias);
        if (current.isPresent()) {
            ETags.check(ifMatch, current.get().revision(), "Alias '" + alias + "'");
            if (current.get().version() == target) {
                return versions.findByAlias(model, alias).orElseThrow();
            }
        } else if (ifMatch != null && !ifMatch.isBlank()) {
            throw PlatformException.conflict("Alias '" + alias + "' of model '" + model
                    + "' does not exist, so If-Match " + ifMatch + " cannot match");
        }
        Integer previous = current.map(AliasRepository.Current::version).orElse(null);
        var now = Jdbc.now();
        String who = actor.name();
        aliases.upsert(locked.id(), alias, target, now, who);
        aliases.recordChange(locked.id(), alias, previous, target, now, who);
        List<Integer> changed = new ArrayList<>(List.of(target));
        if (previous != null) {
            changed.add(previous);
        }
        versions.touch(locked.id(), changed);
        models.touch(locked.id(), now, who);
        events.aliasSet(new AliasSet(model, alias, target, previous));
        afterCommit.run(() -> metrics.aliasChanged(model, alias));
        return versions.findByAlias(model, alias).orElseThrow();
    }

    @Transactional
    public void delete(String model, String alias, String ifMatch) {
        ModelRow locked = models.lock(model).orElseThrow(() -> ModelService.notFound(model));
        var current = aliases.find(locked.id(), alias).orElseThrow(() -> aliasNotFound(model, alias));
        ETags.check(ifMatch, current.revision(), "Alias '" + alias + "'");
        var now = Jdbc.now();
        String who = actor.name();
        aliases.delete(locked.id(), alias);
        aliases.recordChange(locked.id(), alias, current.version(), null, now, who);
        versions.touch(locked.id(), List.of(current.version()));
        models.touch(locked.id(), now, who);
        events.aliasDeleted(new AliasDeleted(model, alias, current.version()));
        afterCommit.run(() -> metrics.aliasChanged(model, alias));
    }

    public AliasHistory history(String model, String alias) {
        ModelRow row = models.find(model).orElseThrow(() -> ModelService.notFound(model));
        List<AliasRepository.Change> changes = aliases.history(row.id(), alias, HISTORY_LIMIT);
        if (changes.isEmpty()) {
            throw aliasNotFound(model, alias);
        }
        return new AliasHistory(model, alias, row.aliases().get(alias), changes);
    }

    static PlatformException aliasNotFound(String model, String alias) {
        return new PlatformException(ErrorCode.NOT_FOUND, "Model '" + model + "' has no alias '" + alias + "'");
    }
}
