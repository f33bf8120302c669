package io.mlops.inference.traffic.service;

import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.outbox.Outbox;
import io.mlops.common.outbox.OutboxFlusher;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.inference.DeploymentUpdated;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.service.ModelLifecycle;
import io.mlops.inference.model.service.ServedModel;
import io.mlops.inference.model.service.ServedModels;
import io.mlops.inference.predict.service.MissingFeaturePolicy;
import io.mlops.inference.registry.client.RegistryClient;
import io.mlops.inference.registry.client.RegistryUnavailableException;
import io.mlops.inference.traffic.repository.DeploymentEntity;
import io.mlops.inference.traffic.repository.DeploymentRepository;
import io.mlops.inference.traffic.rest.DeploymentRequest;
import io.mlops.inference.traffic.rest.DeploymentView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stores a model's traffic split and its event in one transaction (the outbox publishes it to
 * every replica), applies it here at once, and describes it with what each alias really serves.
 */
@ApplicationScoped
public class DeploymentService {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");

    private final DeploymentRepository repository;
    private final DeploymentTable table;
    private final Outbox outbox;
    private final OutboxFlusher flusher;
    private final RegistryClient registry;
    private final ServedModels served;
    private final ModelLifecycle lifecycle;

    public DeploymentService(DeploymentRepository repository, DeploymentTable table, Outbox outbox,
                             OutboxFlusher flusher, RegistryClient registry, ServedModels served,
                             ModelLifecycle lifecycle) {
        this.repository = repository;
        this.table = table;
        this.outbox = outbox;
        this.flusher = flusher;
        this.registry = registry;
        this.served = served;
        this.lifecycle = lifecycle;
    }

    public DeploymentView put(String model, DeploymentRequest request, String actor, String traceparent) {
        Deployment wanted = validate(model, request);
        requireModel(model);
        Deployment saved = QuarkusTransaction.requiringNew().call(() -> store(wanted, actor, traceparent));
        // Other replicas apply the split when its event arrives: publish now, not at the next poll.
        flusher.flushSoon();
        if (table.apply(saved)) {
            lifecycle.interestChanged(model);
        }
        return view(saved);
    }

    public DeploymentView get(String model) {
        if (table.stored(model).isEmpty()) {
            requireModel(model);
        }
        return view(table.get(model));
    }

    /** Applies what the database holds for a model, after another replica (or this one) changed it. */
    public void refresh(String model) {
        if (table.reload(model)) {
            lifecycle.interestChanged(model);
        }
    }

    public void refreshAll() {
        table.reloadAll().forEach(lifecycle::interestChanged);
    }

    private Deployment store(Deployment wanted, String actor, String traceparent) {
        DeploymentEntity entity = repository.lockOrCreate(wanted.model(), wanted.champion(), actor);
        entity.champion = wanted.champion();
        entity.challenger = wanted.challenger();
        entity.challengerPercent = wanted.challengerPercent();
        entity.shadow = wanted.shadow();
        entity.missingFeatures = wanted.missingFeatures() == null ? null : wanted.missingFeatures().wireName();
        entity.revision = entity.revision + 1;
        entity.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entity.updatedBy = actor;
        Deployment saved = Deployment.of(entity);
        DeploymentUpdated data = new DeploymentUpdated(saved.model(), saved.champion(), saved.challenger(),
                saved.challengerPercent(), saved.shadow(),
                saved.missingFeatures() == null ? null : saved.missingFeatures().wireName(), saved.revision(),
                saved.updatedAt(), saved.updatedBy());
        outbox.append(EventType.DEPLOYMENT_UPDATED.topic(), saved.model(),
                CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.DEPLOYMENT_UPDATED, saved.model(), actor, data)
                        .withTraceparent(traceparent));
        return saved;
    }

    private void requireModel(String model) {
        if (served.isKnown(model)) {
            return;
        }
        try {
            if (registry.model(model).isEmpty()) {
                throw InferenceErrors.modelNotFound(model);
            }
        } catch (RegistryUnavailableException e) {
            throw InferenceErrors.upstreamUnavailable("Cannot check model '" + model + "' with the registry: "
                    + e.getMessage(), e);
        }
    }

    private static Deployment validate(String model, DeploymentRequest request) {
        if (request == null) {
            throw PlatformException.validation("A JSON body is required",
                    List.of(new FieldError("$", "expected {\"champion\":\"champion\",\"challenger\":...}")));
        }
        List<FieldError> errors = new ArrayList<>();
        String champion = request.champion() == null ? "champion" : request.champion();
        int percent = request.challengerPercent() == null ? 0 : request.challengerPercent();
        boolean shadow = Boolean.TRUE.equals(request.shadow());
        if (!NAME.matcher(champion).matches()) {
            errors.add(new FieldError("champion", "must be an alias name matching " + NAME.pattern()));
        }
        if (request.challenger() != null) {
            if (!NAME.matcher(request.challenger()).matches()) {
                errors.add(new FieldError("challenger", "must be an alias name matching " + NAME.pattern()));
            } else if (request.challenger().equals(champion)) {
                errors.add(new FieldError("challenger", "must differ from champion"));
            }
        }
        if (percent < 0 || percent > 100) {
            errors.add(new FieldError("challengerPercent", "must be between 0 and 100"));
        }
        if (request.challenger() == null && (percent > 0 || shadow)) {
            errors.add(new FieldError("challenger", "is required when challengerPercent > 0 or shadow is true"));
        }
        MissingFeaturePolicy policy = null;
        try {
            policy = MissingFeaturePolicy.parse(request.missingFeatures());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("missingFeatures", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw PlatformException.validation("The deployment of '" + model + "' breaks " + errors.size() + " rule(s)",
                    errors);
        }
        return new Deployment(model, champion, request.challenger(), percent, shadow, policy, 0, null, null);
    }

    private DeploymentView view(Deployment d) {
        Map<String, DeploymentView.LoadedVersion> loaded = new LinkedHashMap<>();
        Map<String, Integer> loading = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        ServedModel sm = served.get(d.model());
        for (String alias : table.aliases(d.model())) {
            LoadedModel m = sm == null ? null : sm.peek(alias);
            if (m != null) {
                loaded.put(alias, new DeploymentView.LoadedVersion(m.version(), m.metadata().sha256(), m.loadedAt()));
            }
            lifecycle.loading(d.model(), alias).ifPresent(v -> loading.put(alias, v));
            lifecycle.failure(d.model(), alias).ifPresent(f -> failures.put(alias, f));
        }
        return new DeploymentView(d.model(), d.champion(), d.challenger(), d.challengerPercent(), d.shadow(),
                d.missingFeatures() == null ? null : d.missingFeatures().wireName(), d.revision(), d.updatedAt(),
                d.updatedBy(), loaded, loading.isEmpty() ? null : loading, failures.isEmpty() ? null : failures);
    }
}
