package io.mlops.monitor.support;

import io.mlops.monitor.config.AlertConfig;
import io.mlops.monitor.config.DriftConfig;
import io.mlops.monitor.config.PerformanceConfig;
import io.mlops.monitor.config.WindowConfig;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.settings.service.ModelSettings;
import java.time.Duration;

/** The documented defaults, for unit tests that run without Quarkus. */
public final class TestSettings {

    private TestSettings() {
    }

    public static EffectiveSettings defaults() {
        return with(ModelSettings.NONE);
    }

    public static EffectiveSettings with(ModelSettings overrides) {
        return new EffectiveSettings(overrides, WINDOW, DRIFT, ALERTS, PERFORMANCE);
    }

    public static final WindowConfig WINDOW = new WindowConfig() {
        public int size() { return 1000; }
        public Duration duration() { return Duration.ofMinutes(5); }
        public int minRows() { return 30; }
        public int sampleSize() { return 1000; }
        public int kllK() { return 400; }
        public int maxCategories() { return 1000; }
        public Duration idleGrace() { return Duration.ofSeconds(5); }
    };

    public static final DriftConfig DRIFT = new DriftConfig() {
        public long smallReferenceRows() { return 1000; }
        public String numericMethod() { return "auto"; }
        public String categoricalMethod() { return "auto"; }
        public double ksThreshold() { return 0.05; }
        public double chisquareThreshold() { return 0.05; }
        public double zThreshold() { return 0.05; }
        public double wassersteinThreshold() { return 0.1; }
        public double jensenshannonThreshold() { return 0.1; }
        public double psiThreshold() { return 0.1; }
        public double datasetDriftShare() { return 0.5; }
    };

    public static final AlertConfig ALERTS = new AlertConfig() {
        public int detectAfter() { return 2; }
        public int resolveAfter() { return 2; }
        public boolean featureAlerts() { return false; }
    };

    public static final PerformanceConfig PERFORMANCE = new PerformanceConfig() {
        public int window() { return 1000; }
        public int minLabels() { return 100; }
        public int evaluateEvery() { return 100; }
        public double maxDrop() { return 0.05; }
    };
}
