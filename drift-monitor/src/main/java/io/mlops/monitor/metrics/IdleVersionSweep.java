package io.mlops.monitor.metrics;

import io.mlops.monitor.config.MetricsConfig;
import io.mlops.monitor.settings.service.SettingsService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Drops the exported series of versions that went quiet (see {@link MetricsConfig#retireAfter()}). */
@ApplicationScoped
public class IdleVersionSweep {

    private static final Logger LOG = Logger.getLogger(IdleVersionSweep.class);

    private final DriftMetrics metrics;
    private final SettingsService settings;
    private final MetricsConfig config;

    public IdleVersionSweep(DriftMetrics metrics, SettingsService settings, MetricsConfig config) {
        this.metrics = metrics;
        this.settings = settings;
        this.config = config;
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        var retired = metrics.retireIdle(Instant.now(), this::idleLimit);
        if (!retired.isEmpty()) {
            LOG.infof("Removed the drift and performance series of idle versions %s", retired);
        }
    }

    /** A model with long windows closes one rarely without being idle. */
    Duration idleLimit(String model) {
        Duration twoWindows = settings.effective(model).windowDuration().multipliedBy(2);
        return twoWindows.compareTo(config.retireAfter()) > 0 ? twoWindows : config.retireAfter();
    }
}
