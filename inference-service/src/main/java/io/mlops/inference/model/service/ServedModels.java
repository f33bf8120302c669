package io.mlops.inference.model.service;

import io.mlops.inference.metrics.InferenceMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every model this replica knows of, and the versions it serves. "Known" means the registry has
 * the model (seen in a sync or an event), which is what separates 404 MODEL_NOT_FOUND from 503
 * MODEL_NOT_READY without asking the registry on a request.
 */
@ApplicationScoped
public class ServedModels {

    private final InferenceMetrics metrics;
    private final Map<String, ServedModel> models = new ConcurrentHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public ServedModels(InferenceMetrics metrics) {
        this.metrics = metrics;
    }

    /** The served model, or null when nothing was ever loaded for it. */
    public ServedModel get(String name) {
        return models.get(name);
    }

    /** The registry has it, or a version of it still serves; a model the registry dropped is unknown (404). */
    public boolean isKnown(String name) {
        if (known.contains(name)) {
            return true;
        }
        ServedModel model = models.get(name);
        return model != null && !model.snapshot().isEmpty();
    }

    public List<String> names() {
        return models.keySet().stream().sorted().toList();
    }

    public Set<String> knownNames() {
        return Set.copyOf(known);
    }

    void markKnown(String name) {
        known.add(name);
    }

    void forget(String name) {
        known.remove(name);
    }

    ServedModel getOrCreate(String name) {
        return models.computeIfAbsent(name, n -> new ServedModel(n, metrics));
    }
}
