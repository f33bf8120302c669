package io.mlops.monitor.labels.service;

import io.mlops.monitor.config.LabelConfig;
import io.mlops.monitor.labels.repository.LabelRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the label join bounded: predictions that waited longer than their TTL for a label, early
 * labels whose prediction never came, and joined rows past their retention are deleted.
 */
@ApplicationScoped
public class LabelRetention {

    private static final Logger LOG = Logger.getLogger(LabelRetention.class);

    private final LabelRepository repository;
    private final LabelConfig config;

    public LabelRetention(LabelRepository repository, LabelConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = Instant.now();
        try {
            long deleted = repository.purge(now.minus(config.pendingTtl()), now.minus(config.orphanTtl()),
                    now.minus(config.retention()));
            if (deleted > 0) {
                LOG.debugf("Label retention deleted %d rows", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Label retention pass failed, will retry: %s", e.getMessage());
        }
    }
}
