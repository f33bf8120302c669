package io.mlops.inference.model.service;

import io.mlops.events.registry.ModelVersion;
import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.registry.client.RegistryClient;
import io.mlops.inference.registry.client.RegistryUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Makes the served versions follow the registry's aliases: for each (model, alias) of interest it
 * keeps a target version and loads it in the background (retrying with backoff), then swaps it in.
 * A newer target supersedes a pending one; a load that gives up leaves the previous version serving.
 */
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

    private record SlotKey(String model, String alias) {
    }

    private record Target(int version, long generation, long startNanos) {
    }

    private record Failure(int version, LoadFailure.Reason reason, String message) {
    }

    private final ServedModels served;
    private final ModelLoader loader;
    private final RegistryClient registry;
    private final AliasInterest interest;
    private final ModelsConfig config;
    private final InferenceMetrics metrics;
    private final ScheduledExecutorService executor;
    /** Every alias the registry has, interesting or not, so a deployment naming one later needs no lookup. */
    private final Map<String, Map<String, Integer>> desired = new ConcurrentHashMap<>();
    private final Map<SlotKey, Target> targets = new ConcurrentHashMap<>();
    private final Map<SlotKey, Failure> failures = new ConcurrentHashMap<>();
    private final Map<SlotKey, Target> inFlight = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();

    public ModelLifecycle(ServedModels served, ModelLoader loader, RegistryClient registry, AliasInterest interest,
                          ModelsConfig config, InferenceMetrics metrics) {
        this.served = served;
        this.loader = loader;
        this.registry = registry;
        this.interest = interest;
        this.config = config;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(1, config.loadConcurrency()), r -> {
            Thread t = new Thread(r, "model-lifecycle-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The registry has a new model: requests for it answer 503 until a version is aliased, no longer 404. */
    public void modelCreated(String model) {
        served.markKnown(model);
    }

    /** The registry moved (or created) an alias. */
    public void aliasSet(String model, String alias, int version) {
        served.markKnown(model);
        desired.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).put(alias, version);
        if (interest.aliases(model).contains(alias)) {
            converge(model, alias, true);
        }
    }

    /** The registry removed an alias: stop serving it, cancelling any load in progress. */
    public void aliasDeleted(String model, String alias) {
        Map<String, Integer> aliases = desired.get(model);
        if (aliases != null) {
            aliases.remove(alias);
        }
        SlotKey key = new SlotKey(model, alias);
        targets.remove(key);
        failures.remove(key);
        withLock(model, () -> {
            ServedModel sm = served.get(model);
            if (sm != null && sm.peek(alias) != null) {
                sm.remove(alias);
                LOG.infof("Alias %s of %s deleted: no longer served", alias, model);
            }
        });
    }

    /** The registry's full view of one model (from a sync): converge every alias of interest, drop the rest. */
    public void reconcile(String model, Map<String, Integer> aliases) {
        served.markKnown(model);
        Map<String, Integer> copy = new ConcurrentHashMap<>(aliases == null ? Map.of() : aliases);
        desired.put(model, copy);
        Set<String> wanted = interest.aliases(model);
        for (String alias : wanted) {
            if (copy.containsKey(alias)) {
                converge(model, alias, false);
            }
        }
        ServedModel sm = served.get(model);
        if (sm != null) {
            for (String alias : sm.snapshot().keySet()) {
                if (!copy.containsKey(alias) || !wanted.contains(alias)) {
                    unload(model, alias);
                }
            }
        }
    }

    /** The registry no longer has the model. */
    public void forget(String model) {
        desired.remove(model);
        served.forget(model);
        ServedModel sm = served.get(model);
        if (sm != null) {
            sm.snapshot().keySet().forEach(alias -> unload(model, alias));
        }
    }

    /**
     * The aliases of interest changed (a deployment now names others): load the new ones, asking
     * the registry where this replica has not seen the alias, and unload those no longer wanted.
     */
    public void interestChanged(String model) {
        Set<String> wanted = interest.aliases(model);
        for (String alias : wanted) {
            Integer version = desired.getOrDefault(model, Map.of()).get(alias);
            if (version != null) {
                converge(model, alias, false);
            } else {
                executor.execute(() -> resolveFromRegistry(model, alias));
            }
        }
        ServedModel sm = served.get(model);
        if (sm != null) {
            for (String alias : sm.snapshot().keySet()) {
                if (!wanted.contains(alias)) {
                    unload(model, alias);
                }
            }
        }
    }

    /** Loads still running or waiting for a retry. */
    public int pendingLoads() {
        return pending.get();
    }

    /** Why the last load of an alias gave up, if it did and nothing replaced it since. */
    public Optional<String> failure(String model, String alias) {
        return Optional.ofNullable(failures.get(new SlotKey(model, alias))).map(Failure::message);
    }

    /** The version an alias is being moved to, if a load is in progress. */
    public Optional<Integer> loading(String model, String alias) {
        return Optional.ofNullable(inFlight.get(new SlotKey(model, alias))).map(Target::version);
    }

    /** Runs {@code task} on the lifecycle threads, e.g. a registry sync. */
    public void submit(Runnable task, Duration delay) {
        executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param explicit an alias event asked for this version: try it even if it failed before. A sync
     *     retries only failures that may pass (download or registry trouble), not a missing version
     *     or an artifact ONNX Runtime refused.
     */
    private void converge(String model, String alias, boolean explicit) {
        Integer version = desired.getOrDefault(model, Map.of()).get(alias);
        if (version == null) {
            return;
        }
        SlotKey key = new SlotKey(model, alias);
        Target current = targets.get(key);
        Failure failed = failures.get(key);
        ServedModel sm = served.get(model);
        LoadedModel serving = sm == null ? null : sm.peek(alias);
        boolean failedBefore = failed != null && failed.version() == version;
        if (current != null && current.version() == version && !failedBefore) {
            return; // loading, or loaded already
        }
        if (failedBefore && !explicit && !failed.reason().retryable()) {
            return;
        }
        if (current == null && serving != null && serving.version() == version) {
            return;
        }
        Target target = new Target(version, generations.incrementAndGet(), System.nanoTime());
        targets.put(key, target);
        if (failed != null && !failedBefore) {
            failures.remove(key);
        }
        pending.incrementAndGet();
        inFlight.put(key, target);
        executor.execute(() -> attempt(key, target, 1));
    }

    private void attempt(SlotKey key, Target target, int attempt) {
        if (!target.equals(targets.get(key))) {
            finished(key, target);
            return;
        }
        ReentrantLock lock = lockOf(key.model());
        lock.lock();
        try {
            install(key, target);
            finished(key, target);
        } catch (LoadFailure failure) {
            onFailure(key, target, attempt, failure);
        } catch (RuntimeException e) {
            onFailure(key, target, attempt, new LoadFailure(LoadFailure.Reason.UNLOADABLE, String.valueOf(e), e));
        } finally {
            lock.unlock();
        }
    }

    private void install(SlotKey key, Target target) throws LoadFailure {
        ServedModel sm = served.getOrCreate(key.model());
        LoadedModel current = sm.peek(key.alias());
        if (current != null && current.version() == target.version()) {
            return;
        }
        LoadedModel model = sm.find(target.version());
        boolean shared = model != null && model.retain();
        if (!shared) {
            model = loader.load(metadata(key.model(), target.version()));
        }
        if (!target.equals(targets.get(key))) {
            model.release(); // superseded while loading
            return;
        }
        sm.install(key.alias(), model);
        failures.remove(key);
        Duration took = Duration.ofNanos(System.nanoTime() - target.startNanos());
        metrics.swapped(key.model(), took);
        LOG.infof("%s@%s now serves v%d (was %s), swapped in %d ms%s", key.model(), key.alias(), target.version(),
                current == null ? "nothing" : "v" + current.version(), took.toMillis(), shared ? ", shared with another alias" : "");
    }

    private ModelVersion metadata(String model, int version) throws LoadFailure {
        try {
            return registry.version(model, version).orElseThrow(() -> new LoadFailure(LoadFailure.Reason.VERSION_MISSING,
                    "the registry has no version " + version + " of " + model, null));
        } catch (RegistryUnavailableException e) {
            throw new LoadFailure(LoadFailure.Reason.REGISTRY_UNAVAILABLE, e.getMessage(), e);
        }
    }

    private void onFailure(SlotKey key, Target target, int attempt, LoadFailure failure) {
        if (failure.reason().retryable() && attempt < config.loadAttempts() && target.equals(targets.get(key))) {
            long delay = Math.min(config.maxRetryBackoff().toMillis(),
                    config.retryBackoff().toMillis() << Math.min(attempt - 1, 20));
            LOG.warnf("Loading %s v%d for alias %s failed (attempt %d of %d), retrying in %d ms: %s", key.model(),
                    target.version(), key.alias(), attempt, config.loadAttempts(), delay, failure.getMessage());
            executor.schedule(() -> attempt(key, target, attempt + 1), delay, TimeUnit.MILLISECONDS);
            return;
        }
        ServedModel sm = served.get(key.model());
        LoadedModel serving = sm == null ? null : sm.peek(key.alias());
        String message = "loading v" + target.version() + " failed (" + failure.reason().tag() + "): " + failure.getMessage();
        failures.put(key, new Failure(target.version(), failure.reason(), message));
        finished(key, target);
        metrics.loadFailed(key.model(), failure.reason().tag());
        LOG.errorf("%s@%s: %s; %s", key.model(), key.alias(), message,
                serving == null ? "nothing is served under this alias" : "v" + serving.version() + " keeps serving");
    }

    private void finished(SlotKey key, Target target) {
        pending.decrementAndGet();
        inFlight.remove(key, target);
    }

    private void unload(String model, String alias) {
        SlotKey key = new SlotKey(model, alias);
        targets.remove(key);
        failures.remove(key);
        withLock(model, () -> {
            ServedModel sm = served.get(model);
            if (sm != null && sm.peek(alias) != null) {
                sm.remove(alias);
                LOG.infof("%s@%s unloaded: the registry no longer has it or no deployment routes to it", model, alias);
            }
        });
    }

    private void resolveFromRegistry(String model, String alias) {
        try {
            registry.aliased(model, alias).ifPresentOrElse(
                    version -> aliasSet(model, alias, version.version()),
                    () -> LOG.infof("%s has no alias %s yet; it is loaded once the registry sets it", model, alias));
        } catch (RegistryUnavailableException e) {
            LOG.warnf("Cannot resolve %s@%s now (the next sync will): %s", model, alias, e.getMessage());
        }
    }

    private void withLock(String model, Runnable action) {
        ReentrantLock lock = lockOf(model);
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(String model) {
        return locks.computeIfAbsent(model, m -> new ReentrantLock());
    }

    /** Current alias → version the registry reported for a model, for diagnostics. */
    public Map<String, Integer> registryAliases(String model) {
        return new HashMap<>(desired.getOrDefault(model, Map.of()));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
