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
import java.util.HashSet;
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
 * Moves alias slots to target versions in the background: load (or share a version another alias
 * already serves), swap, retry with exponential backoff what may pass. A newer target supersedes
 * a pending one; a load that gives up leaves the previous version serving, counted and logged.
 * Changes to one model are serialised by a per-model lock; different models load in parallel.
 */
@ApplicationScoped
public class SlotLoader {

    private static final Logger LOG = Logger.getLogger(SlotLoader.class);
    /** How soon a load that found its model's lock taken tries again. */
    private static final Duration LOCK_RETRY = Duration.ofMillis(100);

    private record SlotKey(String model, String alias) {
    }

    private record Target(int version, long generation, long startNanos) {
    }

    private record Failure(int version, LoadFailure.Reason reason, String message) {
    }

    private final ServedModels served;
    private final ModelLoader loader;
    private final RegistryClient registry;
    private final ModelsConfig config;
    private final InferenceMetrics metrics;
    private final ScheduledExecutorService executor;
    private final Map<SlotKey, Target> targets = new ConcurrentHashMap<>();
    private final Map<SlotKey, Failure> failures = new ConcurrentHashMap<>();
    private final Map<SlotKey, Target> inFlight = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Slots to empty, with why, queued by {@link #unload} for whoever holds the model's lock. */
    private final Map<SlotKey, String> removals = new ConcurrentHashMap<>();
    /** Slots unloaded whose removal has not run yet: what they serve must not count as loaded. */
    private final Set<SlotKey> unloaded = ConcurrentHashMap.newKeySet();
    private final AtomicLong generations = new AtomicLong();

    public SlotLoader(ServedModels served, ModelLoader loader, RegistryClient registry, ModelsConfig config,
                      InferenceMetrics metrics) {
        this.served = served;
        this.loader = loader;
        this.registry = registry;
        this.config = config;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(1, config.loadConcurrency()), r -> {
            Thread t = new Thread(r, "model-lifecycle-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
    /**
     * Loads (or retries) under way for slots that serve nothing yet: what a replica that just
     * started waits for. A swap is not counted; the version it replaces keeps serving meanwhile.
     */
    public int firstLoadsPending() {
        int count = 0;
        for (SlotKey key : inFlight.keySet()) {
            ServedModel sm = served.get(key.model());
            if (sm == null || sm.peek(key.alias()) == null) {
                count++;
            }
        }
        return count;
    }

    /** Why the last load of an alias gave up, if it did and nothing replaced it since. */
    public Optional<String> failure(String model, String alias) {
        return Optional.ofNullable(failures.get(new SlotKey(model, alias))).map(Failure::message);
    }

    /** The version an alias is being moved to, if a load is in progress. */
    public Optional<Integer> loading(String model, String alias) {
        return Optional.ofNullable(inFlight.get(new SlotKey(model, alias))).map(Target::version);
    }

    /** Runs {@code task} on the lifecycle threads after {@code delay}, e.g. a registry sync. */
    public void submit(Runnable task, Duration delay) {
        executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Moves a slot to {@code version} unless it is there or on its way.
     *
     * @param explicit an alias event asked for this version: try it even if it failed before. A sync
     *     retries only failures that may pass (download or registry trouble), not a missing version
     *     or an artifact ONNX Runtime refused.
     */
    public void moveTo(String model, String alias, int version, boolean explicit) {
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
        // A slot unloaded a moment ago may still serve until its removal runs: load it again
        // (a no-op if the removal has not happened) rather than trust what is about to go.
        boolean unloadedSince = unloaded.remove(key);
        if (current == null && serving != null && serving.version() == version && !unloadedSince) {
            return;
        }
        Target target = new Target(version, generations.incrementAndGet(), System.nanoTime());
        targets.put(key, target);
        if (failed != null && !failedBefore) {
            failures.remove(key);
        }
        inFlight.put(key, target);
        executor.execute(() -> attempt(key, target, 1));
    }

    /**
     * Empties a slot and cancels any load for it; the version closes once its last request ends.
     * Never waits for the model's lock: callers are the event consumers, and a load holds that lock
     * for as long as a download and a warm-up take. If the lock is taken, its holder removes the
     * slot as it lets go (unless the alias was set again meanwhile).
     */
    public void unload(String model, String alias, String why) {
        SlotKey key = new SlotKey(model, alias);
        targets.remove(key);
        failures.remove(key);
        inFlight.remove(key); // a load still under way is abandoned: nobody waits for it any more
        unloaded.add(key);
        removals.put(key, why);
        removeIfUnlocked(model);
    }

    /** Unloads every alias of a model: those it serves and those still loading a first version. */
    public void unloadModel(String model, String why) {
        aliases(model).forEach(alias -> unload(model, alias, why));
    }

    /**
     * The model's aliases this replica serves or is loading. Whoever decides an alias is no longer
     * wanted must look at both: a load under way would otherwise install what nobody asked for.
     */
    public Set<String> aliases(String model) {
        Set<String> aliases = new HashSet<>();
        ServedModel sm = served.get(model);
        if (sm != null) {
            aliases.addAll(sm.snapshot().keySet());
        }
        targets.keySet().stream().filter(k -> k.model().equals(model)).forEach(k -> aliases.add(k.alias()));
        return aliases;
    }

    /**
     * Runs the removals queued for {@code model} while its lock is free. Every holder calls this
     * after letting go, and {@link #unload} after queueing, so a removal queued while the lock was
     * held is never left behind.
     */
    private void removeIfUnlocked(String model) {
        ReentrantLock lock = lockOf(model);
        while (hasRemovals(model) && lock.tryLock()) {
            try {
                for (Map.Entry<SlotKey, String> removal : removals.entrySet()) {
                    SlotKey key = removal.getKey();
                    if (key.model().equals(model) && removals.remove(key, removal.getValue())
                            && !targets.containsKey(key)) {
                        removeServed(key, removal.getValue());
                        unloaded.remove(key);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean hasRemovals(String model) {
        for (SlotKey key : removals.keySet()) {
            if (key.model().equals(model)) {
                return true;
            }
        }
        return false;
    }

    private void removeServed(SlotKey key, String why) {
        ServedModel sm = served.get(key.model());
        if (sm != null && sm.peek(key.alias()) != null) {
            sm.remove(key.alias());
            LOG.infof("%s@%s unloaded: %s", key.model(), key.alias(), why);
        }
    }

    private void attempt(SlotKey key, Target target, int attempt) {
        if (!target.equals(targets.get(key))) {
            finished(key, target);
            return;
        }
        ReentrantLock lock = lockOf(key.model());
        if (!lock.tryLock()) {
            // Another load of this model holds the lock for a whole download and warm-up: waiting
            // here would take a lifecycle thread from every other model. Come back shortly instead.
            executor.schedule(() -> attempt(key, target, attempt), LOCK_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            if (!target.equals(targets.get(key))) {
                finished(key, target); // superseded or unloaded while it waited behind another load
                return;
            }
            install(key, target);
            finished(key, target);
        } catch (LoadFailure failure) {
            onFailure(key, target, attempt, failure);
        } catch (RuntimeException | Error e) {
            // An Error too (ONNX Runtime's native library failing to link, say): uncaught, it would
            // vanish in the executor and leave the slot loading for ever.
            onFailure(key, target, attempt, new LoadFailure(LoadFailure.Reason.UNLOADABLE, String.valueOf(e), e));
        } finally {
            lock.unlock();
            removeIfUnlocked(key.model());
        }
    }

    private void install(SlotKey key, Target target) throws LoadFailure {
        ServedModel sm = served.getOrCreate(key.model());
        LoadedModel current = sm.peek(key.alias());
        if (current != null && current.version() == target.version()) {
            failures.remove(key); // moved back to what serves: an earlier failure is no longer news
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
                current == null ? "nothing" : "v" + current.version(), took.toMillis(),
                shared ? ", shared with another alias" : "");
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
        if (!target.equals(targets.get(key))) {
            // The alias moved on (or was unloaded) while this load ran: its failure concerns nobody.
            LOG.debugf("%s@%s: superseded load of v%d failed: %s", key.model(), key.alias(), target.version(),
                    failure.getMessage());
            finished(key, target);
            return;
        }
        if (failure.reason().retryable() && attempt < config.loadAttempts() && target.equals(targets.get(key))) {
            long delay = RetryDelay.afterMillis(config, attempt);
            LOG.warnf("Loading %s v%d for alias %s failed (attempt %d of %d), retrying in %d ms: %s", key.model(),
                    target.version(), key.alias(), attempt, config.loadAttempts(), delay, failure.getMessage());
            executor.schedule(() -> attempt(key, target, attempt + 1), delay, TimeUnit.MILLISECONDS);
            return;
        }
        ServedModel sm = served.get(key.model());
        LoadedModel serving = sm == null ? null : sm.peek(key.alias());
        String message = "loading v" + target.version() + " failed (" + failure.reason().tag() + "): "
                + failure.getMessage();
        failures.put(key, new Failure(target.version(), failure.reason(), message));
        finished(key, target);
        metrics.loadFailed(key.model(), failure.reason().tag());
        LOG.errorf("%s@%s: %s; %s", key.model(), key.alias(), message,
                serving == null ? "nothing is served under this alias" : "v" + serving.version() + " keeps serving");
    }

    private void finished(SlotKey key, Target target) {
        inFlight.remove(key, target);
    }

    private ReentrantLock lockOf(String model) {
        return locks.computeIfAbsent(model, m -> new ReentrantLock());
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
