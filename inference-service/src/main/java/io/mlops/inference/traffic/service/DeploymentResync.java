package io.mlops.inference.traffic.service;

import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.model.service.ModelLifecycle;
import io.mlops.inference.model.service.RetryDelay;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Re-reads every deployment from the database periodically, and soon (with backoff) after a
 * deployment event could not be applied: the event stream is followed without commits, so an
 * event whose read failed once is not delivered again, and this replica would keep an old split
 * until the next change. Events do the fast path; this is the safety net.
 */
@ApplicationScoped
public class DeploymentResync {

    private static final Logger LOG = Logger.getLogger(DeploymentResync.class);

    private final DeploymentService deployments;
    private final ModelLifecycle lifecycle;
    private final ModelsConfig config;
    private final AtomicBoolean retrying = new AtomicBoolean();

    public DeploymentResync(DeploymentService deployments, ModelLifecycle lifecycle, ModelsConfig config) {
        this.deployments = deployments;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        schedulePeriodic();
    }

    /** An event for {@code model} could not be applied: re-read everything until a read succeeds. */
    public void afterFailure(String model, RuntimeException failure) {
        if (retrying.compareAndSet(false, true)) {
            LOG.warnf("Cannot apply the deployment of %s now, re-reading all deployments in %d ms: %s", model,
                    config.retryBackoff().toMillis(), failure.getMessage());
            lifecycle.submit(() -> retry(1), config.retryBackoff());
        }
    }

    private void retry(int attempt) {
        try {
            deployments.refreshAll();
            retrying.set(false);
            LOG.info("Deployments re-read after a failed event");
        } catch (RuntimeException e) {
            // The first wait was retry-backoff already: this is failure attempt + 1 in a row.
            long delay = RetryDelay.afterMillis(config, attempt + 1);
            LOG.warnf("Re-reading deployments failed (attempt %d), retrying in %d ms: %s", attempt, delay,
                    e.getMessage());
            lifecycle.submit(() -> retry(attempt + 1), Duration.ofMillis(delay));
        }
    }

    private void schedulePeriodic() {
        lifecycle.submit(() -> {
            try {
                deployments.refreshAll();
            } catch (RuntimeException e) {
                LOG.warnf("Periodic re-read of deployments failed (next in %s): %s", config.resyncInterval(),
                        e.getMessage());
            }
            schedulePeriodic();
        }, config.resyncInterval());
    }
}
