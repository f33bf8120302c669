package io.mlops.monitor.settings.service;

import io.mlops.monitor.config.AlertConfig;
import io.mlops.monitor.config.DriftConfig;
import io.mlops.monitor.config.PerformanceConfig;
import io.mlops.monitor.config.WindowConfig;
import io.mlops.monitor.settings.service.ModelSettings.ColumnSettings;
import io.mlops.monitor.stats.StatTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A model's settings with every default filled in: what the stream and the evaluator read. */
public final class EffectiveSettings {

    private final ModelSettings overrides;
    private final WindowConfig window;
    private final DriftConfig drift;
    private final AlertConfig alerts;
    private final PerformanceConfig performance;

    public EffectiveSettings(ModelSettings overrides, WindowConfig window, DriftConfig drift, AlertConfig alerts,
                             PerformanceConfig performance) {
        this.overrides = overrides == null ? ModelSettings.NONE : overrides;
        this.window = window;
        this.drift = drift;
        this.alerts = alerts;
        this.performance = performance;
    }

    public ModelSettings overrides() {
        return overrides;
    }

    public int windowSize() {
        return or(overrides.windowSize(), window.size());
    }

    public Duration windowDuration() {
        return overrides.windowSeconds() == null ? window.duration() : Duration.ofSeconds(overrides.windowSeconds());
    }

    public int minRows() {
        return or(overrides.minRows(), window.minRows());
    }

    public double datasetDriftShare() {
        return or(overrides.datasetDriftShare(), drift.datasetDriftShare());
    }

    public int detectAfter() {
        return or(overrides.detectAfter(), alerts.detectAfter());
    }

    public int resolveAfter() {
        return or(overrides.resolveAfter(), alerts.resolveAfter());
    }

    public long smallReferenceRows() {
        return drift.smallReferenceRows();
    }

    /** The method fixed for a column, or empty for Evidently's automatic choice. */
    public Optional<StatTest> method(String column, boolean numeric) {
        ColumnSettings c = overrides.columns().get(column);
        String name = c != null && c.method() != null ? c.method()
                : numeric ? or(overrides.numericMethod(), drift.numericMethod())
                : or(overrides.categoricalMethod(), drift.categoricalMethod());
        return "auto".equalsIgnoreCase(name) ? Optional.empty() : StatTest.fromWireName(name);
    }

    public double threshold(String column, StatTest test) {
        ColumnSettings c = overrides.columns().get(column);
        if (c != null && c.threshold() != null && (c.method() == null || StatTest.fromWireName(c.method()).orElse(null) == test)) {
            return c.threshold();
        }
        return switch (test) {
            case KS -> drift.ksThreshold();
            case CHI_SQUARE -> drift.chisquareThreshold();
            case Z -> drift.zThreshold();
            case WASSERSTEIN -> drift.wassersteinThreshold();
            case JENSEN_SHANNON -> drift.jensenshannonThreshold();
            case PSI -> drift.psiThreshold();
        };
    }

    public boolean enabled(String column) {
        ColumnSettings c = overrides.columns().get(column);
        return c == null || c.enabled() == null || c.enabled();
    }

    public boolean alert(String column) {
        ColumnSettings c = overrides.columns().get(column);
        return c != null && c.alert() != null ? c.alert() : alerts.featureAlerts();
    }

    public int performanceWindow() {
        return performance.window();
    }

    public int minLabels() {
        ModelSettings.PerformanceSettings p = overrides.performance();
        return p != null && p.minLabels() != null ? p.minLabels() : performance.minLabels();
    }

    public int evaluateEvery() {
        return performance.evaluateEvery();
    }

    public double maxDrop() {
        ModelSettings.PerformanceSettings p = overrides.performance();
        return p != null && p.maxDrop() != null ? p.maxDrop() : performance.maxDrop();
    }

    /** Absolute floors per metric set for this model. */
    public Map<String, Double> minimums() {
        ModelSettings.PerformanceSettings p = overrides.performance();
        return p == null ? Map.of() : p.minimums();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
