package io.mlops.inference.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one (model, version): its model-run timer and its request meters per alias.
 * Shared by every loaded instance of that version and removed from the registry with the last one,
 * so a service that swaps versions for months does not export every version it ever served.
 */
public final class VersionMeters {

    private final String key;
    private final Timer runTimer;
    private final Function<String, RequestMeters> create;
    private final Map<String, RequestMeters> byAlias = new ConcurrentHashMap<>();
    /** Loaded instances holding these meters; guarded by {@link InferenceMetrics}. */
    int holders;

    VersionMeters(String key, Timer runTimer, Function<String, RequestMeters> create) {
        this.key = key;
        this.runTimer = runTimer;
        this.create = create;
    }

    String key() {
        return key;
    }

    /** Time inside ONNX Runtime's {@code session.run}. */
    public Timer runTimer() {
        return runTimer;
    }

    /** Request meters for this version served under {@code alias}, created on first use. */
    public RequestMeters forAlias(String alias) {
        RequestMeters m = byAlias.get(alias);
        return m != null ? m : byAlias.computeIfAbsent(alias, create);
    }

    List<Meter> meters() {
        List<Meter> all = new ArrayList<>();
        all.add(runTimer);
        byAlias.values().forEach(m -> m.addTo(all));
        return all;
    }
}
