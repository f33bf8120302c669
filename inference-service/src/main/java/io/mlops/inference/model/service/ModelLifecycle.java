package io.mlops.inference.model.service;

import io.mlops.inference.registry.client.RegistryClient;
import io.mlops.inference.registry.client.RegistryUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Makes the served versions follow the registry's aliases. It keeps what the registry says each
 * alias points at (from syncs and events) and asks the {@link SlotLoader} to move every alias of
 * interest there: the champion, and whatever the model's deployment routes to.
 */
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

    private final ServedModels served;
    private final SlotLoader slots;
    private final RegistryClient registry;
    private final AliasInterest interest;
    /** Every alias the registry has, interesting or not, so a deployment naming one later needs no lookup. */
    private final Map<String, Map<String, Integer>> desired = new ConcurrentHashMap<>();
    /** Counts the events applied; with {@link #lastEvent}, tells a sync whether its read is older. */
    private final AtomicLong events = new AtomicLong();
    /** The count when each model's latest event was applied. */
    private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();
    /** Serialises an event and a sync's verdict on the same model, so neither acts on a view the other replaced. */
    private final Map<String, Object> modelLocks = new ConcurrentHashMap<>();

    public ModelLifecycle(ServedModels served, SlotLoader slots, RegistryClient registry, AliasInterest interest) {
        this.served = served;
        this.slots = slots;
        this.registry = registry;
        this.interest = interest;
    }

    /**
     * Taken before a sync starts reading the registry: an event applied after it is newer than
     * anything that read can return, so {@link #reconcile} and {@link #forget} leave its model alone.
     */
    public long readMark() {
        return events.get();
    }

    /** The registry has a new model: requests for it answer 503 until a version is aliased, no longer 404. */
    public void modelCreated(String model) {
        synchronized (lockOf(model)) {
            applied(model);
            served.markKnown(model);
        }
    }

    /** The registry deleted the model: unknown (404) from now on, whatever it served. */
    public void modelDeleted(String model) {
        synchronized (lockOf(model)) {
            applied(model);
            drop(model);
        }
    }

    /** The registry moved (or created) an alias. */
    public void aliasSet(String model, String alias, int version) {
        synchronized (lockOf(model)) {
            applied(model);
            served.markKnown(model);
            desired.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).put(alias, version);
            if (interest.aliases(model).contains(alias)) {
                slots.moveTo(model, alias, version, true);
            }
        }
    }

    /** The registry removed an alias: stop serving it, cancelling any load in progress. */
    public void aliasDeleted(String model, String alias) {
        synchronized (lockOf(model)) {
            applied(model);
            Map<String, Integer> aliases = desired.get(model);
            if (aliases != null) {
                aliases.remove(alias);
            }
            slots.unload(model, alias, "the registry deleted the alias");
        }
    }

    /**
     * The registry's full view of one model, read by a sync that began at {@code readMark}:
     * converge every alias of interest and drop the rest, unless an event has changed the model
     * since (the read may predate it; the next sync sees both).
     */
    public void reconcile(String model, Map<String, Integer> aliases, long readMark) {
        synchronized (lockOf(model)) {
            if (lastEvent.getOrDefault(model, -1L) >= readMark) {
                LOG.debugf("Sync skips %s: an event changed it after the sync's read began", model);
                return;
            }
            converge(model, aliases);
        }
    }

    private void converge(String model, Map<String, Integer> aliases) {
        served.markKnown(model);
        Map<String, Integer> copy = new ConcurrentHashMap<>(aliases == null ? Map.of() : aliases);
        desired.put(model, copy);
        Set<String> wanted = interest.aliases(model);
        for (String alias : wanted) {
            Integer version = copy.get(alias);
            if (version != null) {
                slots.moveTo(model, alias, version, false);
            }
        }
        for (String alias : slots.aliases(model)) {
            if (!copy.containsKey(alias)) {
                slots.unload(model, alias, "the registry no longer has the alias");
            } else if (!wanted.contains(alias)) {
                slots.unload(model, alias, "no deployment routes to it");
            }
        }
    }

    /** The registry no longer has the model, says a sync that began at {@code readMark}. */
    public void forget(String model, long readMark) {
        synchronized (lockOf(model)) {
            if (lastEvent.getOrDefault(model, -1L) >= readMark) {
                return;
            }
            drop(model);
        }
    }

    private void drop(String model) {
        desired.remove(model);
        served.forget(model);
        slots.unloadModel(model, "the registry no longer has the model");
    }

    /**
     * The aliases of interest changed (a deployment now names others): load the new ones, asking
     * the registry where this replica has not seen the alias, and unload those no longer wanted.
     */
    public void interestChanged(String model) {
        synchronized (lockOf(model)) {
            Set<String> wanted = interest.aliases(model);
            for (String alias : wanted) {
                Integer version = desired.getOrDefault(model, Map.of()).get(alias);
                if (version != null) {
                    slots.moveTo(model, alias, version, false);
                } else {
                    slots.submit(() -> resolveFromRegistry(model, alias), Duration.ZERO);
                }
            }
            for (String alias : slots.aliases(model)) {
                if (!wanted.contains(alias)) {
                    slots.unload(model, alias, "no deployment routes to it");
                }
            }
        }
    }

    /** Loads still running or waiting for a retry for aliases that serve nothing yet (swaps excluded). */
    public int firstLoadsPending() {
        return slots.firstLoadsPending();
    }

    /** Why the last load of an alias gave up, if it did and nothing replaced it since. */
    public Optional<String> failure(String model, String alias) {
        return slots.failure(model, alias);
    }

    /** The version an alias is being moved to, if a load is in progress. */
    public Optional<Integer> loading(String model, String alias) {
        return slots.loading(model, alias);
    }

    /** Runs {@code task} on the lifecycle threads after {@code delay}, e.g. a registry sync. */
    public void submit(Runnable task, Duration delay) {
        slots.submit(task, delay);
    }

    /**
     * Asks the registry where an alias this replica has not seen points. The answer may predate an
     * event applied while it was on its way (the alias moved or was deleted): then the event's view
     * wins, and the alias is asked again if the event concerned another one.
     */
    private void resolveFromRegistry(String model, String alias) {
        long mark = readMark();
        Optional<Integer> version;
        try {
            version = registry.aliased(model, alias).map(v -> v.version());
        } catch (RegistryUnavailableException e) {
            LOG.warnf("Cannot resolve %s@%s now (the next sync will): %s", model, alias, e.getMessage());
            return;
        }
        synchronized (lockOf(model)) {
            if (!interest.aliases(model).contains(alias)) {
                return;
            }
            if (lastEvent.getOrDefault(model, -1L) >= mark) {
                Integer known = desired.getOrDefault(model, Map.of()).get(alias);
                if (known != null) {
                    slots.moveTo(model, alias, known, false);
                } else {
                    slots.submit(() -> resolveFromRegistry(model, alias), Duration.ZERO);
                }
                return;
            }
            if (version.isEmpty()) {
                LOG.infof("%s has no alias %s yet; it is loaded once the registry sets it", model, alias);
                return;
            }
            served.markKnown(model);
            desired.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).put(alias, version.get());
            slots.moveTo(model, alias, version.get(), false);
        }
    }

    private Object lockOf(String model) {
        return modelLocks.computeIfAbsent(model, m -> new Object());
    }

    private void applied(String model) {
        lastEvent.put(model, events.getAndIncrement());
    }
}
