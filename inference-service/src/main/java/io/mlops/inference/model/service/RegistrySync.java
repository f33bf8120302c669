package io.mlops.inference.model.service;

import io.mlops.events.registry.ModelCreated;
import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.registry.client.ModelPage;
import io.mlops.inference.registry.client.RegistryClient;
import io.mlops.inference.registry.client.RegistryUnavailableException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Reads every model and its aliases from the registry: in the background at start (readiness
 * does not wait for it), whenever the event stream is (re)positioned, and periodically, so a
 * missed event is healed without a restart. Events do the fast path; this is the safety net.
 */
@ApplicationScoped
public class RegistrySync {

    private static final Logger LOG = Logger.getLogger(RegistrySync.class);

    private final ModelLifecycle lifecycle;
    private final RegistryClient registry;
    private final ServedModels served;
    private final ModelsConfig config;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean synced;
    private volatile int failuresInRow;

    public RegistrySync(ModelLifecycle lifecycle, RegistryClient registry, ServedModels served, ModelsConfig config) {
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.served = served;
        this.config = config;
    }

    void onStart(@Observes @Priority(300) StartupEvent event) {
        requestSync();
        schedulePeriodic();
    }

    /** Queues a sync unless one is already waiting to run. */
    public void requestSync() {
        if (queued.compareAndSet(false, true)) {
            lifecycle.submit(this::run, Duration.ZERO);
        }
    }

    /** True once a full sync has succeeded: every model with a champion alias has been seen. */
    public boolean synced() {
        return synced;
    }

    private void schedulePeriodic() {
        lifecycle.submit(() -> {
            requestSync();
            schedulePeriodic();
        }, config.resyncInterval());
    }

    private void run() {
        queued.set(false);
        try {
            int models = syncOnce();
            if (!synced || failuresInRow > 0) {
                LOG.infof("Registry sync done: %d models", models);
            }
            synced = true;
            failuresInRow = 0;
        } catch (RegistryUnavailableException e) {
            int failures = ++failuresInRow;
            long delay = RetryDelay.afterMillis(config, failures);
            LOG.warnf("Registry sync failed (attempt %d), retrying in %d ms: %s", failures, delay, e.getMessage());
            lifecycle.submit(this::requestSync, Duration.ofMillis(delay));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Registry sync failed");
            lifecycle.submit(this::requestSync, config.maxRetryBackoff());
        }
    }

    private int syncOnce() {
        long readMark = lifecycle.readMark();
        Set<String> knownBefore = served.knownNames();
        Set<String> seen = new HashSet<>();
        String token = null;
        do {
            ModelPage page = registry.listModels(token);
            if (page.models() != null) {
                for (ModelCreated model : page.models()) {
                    seen.add(model.name());
                    lifecycle.reconcile(model.name(), model.aliases(), readMark);
                }
            }
            token = page.nextPageToken();
        } while (token != null && !token.isBlank());
        for (String name : knownBefore) {
            if (seen.contains(name)) {
                continue;
            }
            // Pages are read one after another: a model deleted meanwhile shifts the rest, and one
            // of them can be missed. Only the registry's own 404 unloads a model.
            Optional<ModelCreated> still = registry.model(name);
            if (still.isPresent()) {
                lifecycle.reconcile(name, still.get().aliases(), readMark);
                seen.add(name);
            } else {
                LOG.infof("Model %s is no longer in the registry", name);
                lifecycle.forget(name, readMark);
            }
        }
        return seen.size();
    }
}
