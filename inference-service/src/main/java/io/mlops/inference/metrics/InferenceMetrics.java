package io.mlops.inference.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every metric of the service, named as in the platform contract. Tags are bounded: model,
 * version and alias come from the registry, never from a request, and a name a client made up is
 * never a tag (unknown models are counted by the HTTP server metrics only).
 */
@ApplicationScoped
public class InferenceMetrics {

    public static final String REQUESTS = "mlops.inference.requests";
    public static final String LATENCY = "mlops.inference.latency";
    public static final String MODEL_LOADED = "mlops.inference.model.loaded";
    public static final String MODEL_RUN = "mlops.inference.model.run";
    public static final String SWAPS = "mlops.inference.swaps";
    public static final String SWAP = "mlops.inference.swap";
    public static final String LOG_DROPPED = "mlops.inference.log.dropped";
    public static final String LOAD_FAILURES = "mlops.inference.load.failures";
    public static final String FEEDBACK = "mlops.inference.feedback";
    public static final String SHADOW_SKIPPED = "mlops.inference.shadow.skipped";

    /** Sub-millisecond resolution where the latency targets are, coarse beyond. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(3), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};
    private static final Duration[] SWAP_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15),
        Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Counter logDropped;
    private final Counter shadowSkipped;
    private final Map<String, Gauge> loadedGauges = new ConcurrentHashMap<>();
    private final Map<String, VersionMeters> versionMeters = new HashMap<>();

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.logDropped = Counter.builder(LOG_DROPPED)
                .description("Predictions not logged to Kafka (queue full or broker unreachable)")
                .register(registry);
        this.shadowSkipped = Counter.builder(SHADOW_SKIPPED)
                .description("Shadow runs skipped: the shadow pool was saturated, or the feature store refused the shadow's features")
                .register(registry);
    }

    /**
     * The meters of one (model, version), taken by each loaded instance of it and given back with
     * {@link #releaseVersionMeters} when that instance closes; the last one removes them from the
     * registry. Counted rather than removed on unload, because a version unloaded and loaded again
     * while its old instance still drains must keep one set of meters that is exported.
     */
    public synchronized VersionMeters acquireVersionMeters(String model, int version) {
        VersionMeters meters = versionMeters.computeIfAbsent(gaugeKey(model, version, ""),
                key -> new VersionMeters(key, modelRunTimer(model, version), alias -> requestMeters(model, version, alias)));
        meters.holders++;
        return meters;
    }

    public synchronized void releaseVersionMeters(VersionMeters meters) {
        if (--meters.holders > 0 || versionMeters.get(meters.key()) != meters) {
            return;
        }
        versionMeters.remove(meters.key());
        meters.meters().forEach(registry::remove);
    }

    private RequestMeters requestMeters(String model, int version, String alias) {
        String v = Integer.toString(version);
        Counter[] counters = new Counter[Outcome.values().length];
        for (Outcome outcome : Outcome.values()) {
            counters[outcome.ordinal()] = Counter.builder(REQUESTS)
                    .description("Inference requests by served model version, alias and outcome")
                    .tags("model", model, "version", v, "alias", alias, "outcome", outcome.tag())
                    .register(registry);
        }
        Timer latency = Timer.builder(LATENCY)
                .description("Time to answer a successful inference request, model run included")
                .tags("model", model, "version", v)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        return new RequestMeters(counters, latency);
    }

    /**
     * Time inside ONNX Runtime's {@code session.run} alone, per request, so the model's own cost can
     * be told apart from feature lookup, JSON and queueing (and compared with a bare session).
     */
    private Timer modelRunTimer(String model, int version) {
        return Timer.builder(MODEL_RUN)
                .description("ONNX Runtime session.run per request, without feature lookup, JSON or queueing")
                .tags("model", model, "version", Integer.toString(version))
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public void modelLoaded(String model, int version, String alias) {
        loadedGauges.computeIfAbsent(gaugeKey(model, version, alias), k -> Gauge.builder(MODEL_LOADED, () -> 1.0)
                .description("1 for each model version loaded and served under an alias")
                .tags(Tags.of("model", model, "version", Integer.toString(version), "alias", alias))
                .register(registry));
    }

    public void modelUnloaded(String model, int version, String alias) {
        Meter gauge = loadedGauges.remove(gaugeKey(model, version, alias));
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    public void swapped(String model, Duration took) {
        Counter.builder(SWAPS).description("New versions swapped in").tags("model", model).register(registry).increment();
        Timer.builder(SWAP).description("From the decision to load a version to it serving")
                .tags("model", model).serviceLevelObjectives(SWAP_BUCKETS).register(registry).record(took);
    }

    /** A load gave up; {@code reason} is one of a fixed set (version_missing, corrupt_artifact, unloadable, registry_unavailable). */
    public void loadFailed(String model, String reason) {
        Counter.builder(LOAD_FAILURES).description("Model version loads that gave up; the previous version kept serving")
                .tags("model", model, "reason", reason).register(registry).increment();
    }

    public void logDropped() {
        logDropped.increment();
    }

    public void shadowSkipped() {
        shadowSkipped.increment();
    }

    /** Feedback received; {@code known} tells whether this replica issued the prediction id. */
    public void feedback(boolean known) {
        Counter.builder(FEEDBACK).description("Feedback records accepted, by whether this replica issued the prediction")
                .tags("prediction", known ? "known" : "unknown").register(registry).increment();
    }

    private static String gaugeKey(String model, int version, String alias) {
        return model + '\u0000' + version + '\u0000' + alias;
    }
}
