package io.mlops.monitor.settings.service;

import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.EventJson;
import io.mlops.monitor.config.AlertConfig;
import io.mlops.monitor.config.DriftConfig;
import io.mlops.monitor.config.PerformanceConfig;
import io.mlops.monitor.config.WindowConfig;
import io.mlops.monitor.settings.repository.SettingsRepository;
import io.mlops.monitor.settings.service.ModelSettings.PerformanceSettings;
import io.mlops.monitor.stats.StatTest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Per-model settings: stored in the database, cached in memory for the stream (which reads them for
 * every window), changed through the API. A change applies from the next window close on.
 */
@ApplicationScoped
public class SettingsService {

    private static final Logger LOG = Logger.getLogger(SettingsService.class);
    /** Longest column name a setting may name (feature names are far shorter). */
    private static final int MAX_COLUMN_NAME = 256;

    private final SettingsRepository repository;
    private final WindowConfig window;
    private final DriftConfig drift;
    private final AlertConfig alerts;
    private final PerformanceConfig performance;
    private final Map<String, EffectiveSettings> cache = new ConcurrentHashMap<>();
    private final EffectiveSettings defaults;
    private volatile boolean loaded;

    public SettingsService(SettingsRepository repository, WindowConfig window, DriftConfig drift, AlertConfig alerts,
                           PerformanceConfig performance) {
        this.repository = repository;
        this.window = window;
        this.drift = drift;
        this.alerts = alerts;
        this.performance = performance;
        this.defaults = new EffectiveSettings(ModelSettings.NONE, window, drift, alerts, performance);
        List<FieldError> errors = new ArrayList<>();
        checkMethod("mlops.monitor.drift.numeric-method", drift.numericMethod(), true, errors);
        checkMethod("mlops.monitor.drift.categorical-method", drift.categoricalMethod(), false, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid drift configuration: " + errors);
        }
    }

    void load(@Observes StartupEvent event) {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("Model settings not loaded yet (%s); defaults apply until the database answers", e.getMessage());
        }
    }

    /** The settings the stream applies to a model: its overrides on top of the configured defaults. */
    public EffectiveSettings effective(String model) {
        if (!loaded) {
            try {
                reload();
            } catch (RuntimeException e) {
                return defaults;
            }
        }
        // Models without overrides share the defaults: asking about any name must not grow the cache.
        return cache.getOrDefault(model, defaults);
    }

    public Optional<ModelSettings> stored(String model) {
        return repository.find(model).map(SettingsService::parse);
    }

    public EffectiveSettings save(String model, ModelSettings settings, String actor) {
        validate(settings);
        EffectiveSettings effective = new EffectiveSettings(settings, window, drift, alerts, performance);
        if (effective.minRows() > effective.windowSize()) {
            // Checked on the values in force, defaults included: {"windowSize": 10} alone is as bad.
            throw PlatformException.validation("The settings break 1 rule(s)", List.of(new FieldError("minRows",
                    "is " + effective.minRows() + " but windowSize is " + effective.windowSize()
                            + ": no window could ever get a verdict")));
        }
        try {
            repository.save(model, EventJson.mapper().writeValueAsString(settings), actor);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cache.put(model, effective);
        return effective;
    }

    public boolean reset(String model) {
        cache.remove(model);
        return repository.delete(model);
    }

    private synchronized void reload() {
        Map<String, String> all = repository.all();
        all.forEach((model, json) -> cache.put(model, new EffectiveSettings(parse(json), window, drift, alerts, performance)));
        loaded = true;
    }

    private static ModelSettings parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ModelSettings.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored model settings are unreadable: " + e.getMessage(), e);
        }
    }

    /** Rules Bean Validation cannot express: method names, and methods that fit the column kind. */
    static void validate(ModelSettings s) {
        List<FieldError> errors = new ArrayList<>();
        checkMethod("numericMethod", s.numericMethod(), true, errors);
        checkMethod("categoricalMethod", s.categoricalMethod(), false, errors);
        s.columns().keySet().stream().filter(column -> column.isEmpty() || column.length() > MAX_COLUMN_NAME
                || column.indexOf('\0') >= 0).forEach(column -> errors.add(new FieldError("columns",
                "a column name has 1 to " + MAX_COLUMN_NAME + " characters, without NUL")));
        s.columns().forEach((column, c) -> {
            if (c != null && c.method() != null && StatTest.fromWireName(c.method()).isEmpty()
                    && !"auto".equalsIgnoreCase(c.method())) {
                errors.add(new FieldError("columns." + column + ".method", "must be auto or one of " + methodNames()));
            }
        });
        s.columns().forEach((column, c) -> {
            if (c != null && c.threshold() != null && c.method() != null && c.threshold() > 1
                    && StatTest.fromWireName(c.method()).map(StatTest::isPValue).orElse(false)) {
                errors.add(new FieldError("columns." + column + ".threshold", "is a p-value for " + c.method()
                        + ", so at most 1"));
            }
        });
        if (s.performance() != null) {
            s.performance().minimums().keySet().stream().filter(m -> !PerformanceSettings.HIGHER_IS_BETTER.contains(m)).sorted().forEach(m ->
                    errors.add(new FieldError("performance.minimums." + m, "must be one of " + PerformanceSettings.HIGHER_IS_BETTER.stream().sorted()
                            .toList() + ": a minimum is a floor, so only a metric where higher is better can have one")));
            // Every such metric is a share or a probability: a floor above 1 could never be met.
            s.performance().minimums().entrySet().stream()
                    .filter(e -> PerformanceSettings.HIGHER_IS_BETTER.contains(e.getKey()))
                    .filter(e -> e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> errors.add(new FieldError("performance.minimums." + e.getKey(),
                            "must be between 0 and 1, as " + e.getKey() + " is, not " + e.getValue())));
        }
        if (!errors.isEmpty()) {
            throw PlatformException.validation("The settings break " + errors.size() + " rule(s)", errors);
        }
    }

    private static void checkMethod(String field, String method, boolean numeric, List<FieldError> errors) {
        if (method == null || "auto".equalsIgnoreCase(method)) {
            return;
        }
        Optional<StatTest> test = StatTest.fromWireName(method);
        if (test.isEmpty()) {
            errors.add(new FieldError(field, "must be auto or one of " + methodNames()));
        } else if (!test.get().appliesTo(numeric)) {
            errors.add(new FieldError(field, test.get().wireName() + " needs numeric values"));
        }
    }

    private static List<String> methodNames() {
        return java.util.Arrays.stream(StatTest.values()).map(StatTest::wireName).toList();
    }
}
