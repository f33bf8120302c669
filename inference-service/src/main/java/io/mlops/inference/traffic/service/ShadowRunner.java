package io.mlops.inference.traffic.service;

import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.support.ByteBudget;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs shadow inferences off the request thread, on a small bounded pool: the answer never waits
 * for the shadow, and a shadow that cannot keep up is skipped (counted) instead of slowing the
 * champion or growing memory.
 */
@ApplicationScoped
public class ShadowRunner {

    private static final Logger LOG = Logger.getLogger(ShadowRunner.class);
    private static final int QUEUE = 1_000;
    /**
     * Memory the waiting shadow runs may hold, whichever of this and {@link #QUEUE} is reached
     * first: each holds its request, and a batched OIP request may be megabytes.
     */
    private static final long MAX_QUEUED_BYTES = 64L << 20;

    private final InferenceMetrics metrics;
    private final ThreadPoolExecutor pool;
    private final ByteBudget queuedBytes = new ByteBudget(MAX_QUEUED_BYTES);

    public ShadowRunner(InferenceMetrics metrics) {
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "shadow-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code task} on {@code shadow}, then gives back the reference the router took on it.
     *
     * @param heldBytes about how much memory the task holds (the request it replays) while it waits
     */
    public void submit(LoadedModel shadow, Consumer<LoadedModel> task, long heldBytes) {
        if (!queuedBytes.tryTake(heldBytes)) {
            metrics.shadowSkipped();
            shadow.release();
            return;
        }
        try {
            pool.execute(() -> {
                queuedBytes.giveBack(heldBytes);
                try {
                    task.accept(shadow);
                } catch (RuntimeException e) {
                    LOG.debugf("Shadow run on %s failed: %s", shadow, e.getMessage());
                } finally {
                    shadow.release();
                }
            });
        } catch (RejectedExecutionException e) {
            queuedBytes.giveBack(heldBytes);
            metrics.shadowSkipped();
            shadow.release();
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
