package io.mlops.registry.events;

import io.mlops.common.outbox.Outbox;
import io.mlops.common.web.CurrentActor;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelDeleted;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.ModelVersionDeleted;
import io.mlops.registry.web.RequestTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes the registry's CloudEvents to the outbox in the caller's transaction, keyed by model name
 * so each model's events stay in order on one partition.
 */
@ApplicationScoped
public class RegistryEvents {

    private final Outbox outbox;
    private final CurrentActor actor;
    private final RequestTrace trace;

    public RegistryEvents(Outbox outbox, CurrentActor actor, RequestTrace trace) {
        this.outbox = outbox;
        this.actor = actor;
        this.trace = trace;
    }

    public void modelCreated(ModelCreated model) {
        append(EventType.MODEL_CREATED, model.name(), model);
    }

    public void versionCreated(ModelVersion version) {
        append(EventType.MODEL_VERSION_CREATED, version.name(), version);
    }

    public void versionUpdated(ModelVersion version) {
        append(EventType.MODEL_VERSION_UPDATED, version.name(), version);
    }

    public void aliasSet(AliasSet alias) {
        append(EventType.ALIAS_SET, alias.model(), alias);
    }

    public void aliasDeleted(AliasDeleted alias) {
        append(EventType.ALIAS_DELETED, alias.model(), alias);
    }

    public void versionDeleted(String model, int version) {
        append(EventType.MODEL_VERSION_DELETED, model, new ModelVersionDeleted(model, version));
    }

    public void modelDeleted(String model) {
        append(EventType.MODEL_DELETED, model, new ModelDeleted(model));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void append(EventType type, String model, Object data) {
        CloudEvent<?> event = CloudEvent.of(Sources.MODEL_REGISTRY, type, model, actor.name(), data)
                .withTraceparent(trace.traceparent());
        outbox.append(type.topic(), model, event);
    }
}
