package io.mlops.inference.model.service;

import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.model.runtime.LoadedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The versions of one model this replica serves, one slot per alias. Requests read slots without
 * locks; only the model's lifecycle writes them, one change at a time.
 */
public final class ServedModel {

    private final String name;
    private final InferenceMetrics metrics;
    private final Map<String, AtomicReference<LoadedModel>> slots = new ConcurrentHashMap<>();

    ServedModel(String name, InferenceMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    /**
     * The version under {@code alias} with a reference taken, or null. The caller must
     * {@link LoadedModel#release()} it; until then its session stays open even if swapped out.
     */
    public LoadedModel acquire(String alias) {
        AtomicReference<LoadedModel> slot = slots.get(alias);
        if (slot == null) {
            return null;
        }
        for (;;) {
            LoadedModel model = slot.get();
            if (model == null) {
                return null;
            }
            if (model.retain()) {
                return model;
            }
            // Swapped out and drained between the read and the retain: the slot holds its successor.
            Thread.onSpinWait();
        }
    }

    /** A version served under any alias, with a reference taken, or null. */
    public LoadedModel acquireVersion(int version) {
        for (AtomicReference<LoadedModel> slot : slots.values()) {
            LoadedModel model = slot.get();
            if (model != null && model.version() == version && model.retain()) {
                return model;
            }
        }
        return null;
    }

    /** The alias a version is served under, preferring {@code preferred}; null if not served. */
    public String aliasOf(int version, String preferred) {
        LoadedModel under = peek(preferred);
        if (under != null && under.version() == version) {
            return preferred;
        }
        for (Map.Entry<String, AtomicReference<LoadedModel>> e : slots.entrySet()) {
            LoadedModel model = e.getValue().get();
            if (model != null && model.version() == version) {
                return e.getKey();
            }
        }
        return null;
    }

    /** What an alias serves right now, without a reference: for metadata and decisions, not for running. */
    public LoadedModel peek(String alias) {
        AtomicReference<LoadedModel> slot = slots.get(alias);
        return slot == null ? null : slot.get();
    }

    /** Alias to served version, in no particular order; a snapshot. */
    public Map<String, LoadedModel> snapshot() {
        Map<String, LoadedModel> out = new LinkedHashMap<>();
        slots.forEach((alias, slot) -> {
            LoadedModel model = slot.get();
            if (model != null) {
                out.put(alias, model);
            }
        });
        return out;
    }

    public boolean isEmpty() {
        return snapshot().isEmpty();
    }

    /** Puts {@code model} under {@code alias}, taking over the caller's reference, and releases what was there. */
    void install(String alias, LoadedModel model) {
        LoadedModel previous = slots.computeIfAbsent(alias, a -> new AtomicReference<>()).getAndSet(model);
        metrics.modelLoaded(name, model.version(), alias);
        if (previous != null) {
            if (previous.version() != model.version()) {
                metrics.modelUnloaded(name, previous.version(), alias);
            }
            previous.release();
        }
    }

    /** Empties a slot; the version it held closes once its last request finishes. */
    void remove(String alias) {
        AtomicReference<LoadedModel> slot = slots.get(alias);
        LoadedModel previous = slot == null ? null : slot.getAndSet(null);
        if (previous != null) {
            metrics.modelUnloaded(name, previous.version(), alias);
            previous.release();
        }
    }

    /** A version already loaded under some alias, without a reference; for sharing it with another alias. */
    LoadedModel find(int version) {
        for (AtomicReference<LoadedModel> slot : slots.values()) {
            LoadedModel model = slot.get();
            if (model != null && model.version() == version) {
                return model;
            }
        }
        return null;
    }
}
