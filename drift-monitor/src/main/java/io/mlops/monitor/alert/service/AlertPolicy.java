package io.mlops.monitor.alert.service;

import io.mlops.events.EventType;
import io.mlops.events.drift.AlertScope;
import io.mlops.events.drift.DriftAlert;
import io.mlops.monitor.alert.repository.AlertRepository;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.settings.service.EffectiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Decides when a verdict becomes an alert. A subject (the dataset, a column with alerts turned on,
 * a performance metric) raises {@code drift.detected} / {@code performance.degraded} after
 * {@code detectAfter} bad evaluations in a row and {@code drift.resolved} after
 * {@code resolveAfter} good ones, so a flapping verdict does not flood the topic. State is loaded
 * per version from the database and written back with the checkpoint that holds the alert. The
 * stream thread judges windows while the checkpoint thread judges performance, so the state is
 * shared under this object's lock, and each keeps its own set of changes: a window's changes go
 * with the checkpoint of its window, a label batch's with the commit that joined it.
 */
@ApplicationScoped
public class AlertPolicy {

    static final String DATASET = "dataset";

    private final AlertRepository repository;
    private final Map<VersionKey, Map<String, SubjectState>> states = new HashMap<>();
    private final Map<String, SubjectState> windowDirty = new LinkedHashMap<>();
    private final Map<String, SubjectState> performanceDirty = new LinkedHashMap<>();

    public AlertPolicy(AlertRepository repository) {
        this.repository = repository;
    }

    /** Forgets all state; it is read again from the database on next use (after a restore). */
    public synchronized void reset() {
        states.clear();
        windowDirty.clear();
        performanceDirty.clear();
    }

    public synchronized List<AlertDecision> onWindow(WindowResult r, EffectiveSettings s) {
        List<AlertDecision> out = new ArrayList<>();
        if (!WindowResult.DRIFT.equals(r.monitoring())) {
            return out;
        }
        VersionKey key = new VersionKey(r.model(), r.version());
        boolean tested = r.features().stream().anyMatch(ColumnDrift::tested);
        if (tested) {
            step(key, AlertScope.DATASET, DATASET, r.datasetDrift(), s, windowDirty).ifPresent(type -> out.add(
                    new AlertDecision(type, alert(r, AlertScope.DATASET, r.driftedFeatures(), s.datasetDriftShare()))));
        }
        List<ColumnDrift> columns = new ArrayList<>(r.features());
        columns.addAll(r.prediction().values());
        for (ColumnDrift c : columns) {
            if (c.tested() && s.alert(c.feature())) {
                step(key, AlertScope.FEATURE, c.feature(), c.driftDetected(), s, windowDirty).ifPresent(type -> out.add(new AlertDecision(
                        type, alert(r, AlertScope.FEATURE, List.of(c.feature()), c.threshold()))));
            }
        }
        // A column whose alert was turned off, or that was disabled, will never have the verdict
        // that resolves its active alert: it is resolved now rather than left open.
        for (String column : resolveActive(key, AlertScope.FEATURE, c -> !s.alert(c) || !s.enabled(c), windowDirty)) {
            out.add(new AlertDecision(EventType.DRIFT_RESOLVED, alert(r, AlertScope.FEATURE, List.of(column), null)));
        }
        return out;
    }

    /**
     * One evaluation of a performance metric.
     *
     * @param degraded whether the metric is past its limit
     * @param limit the limit (e.g. the registered value minus the tolerated drop)
     */
    public synchronized List<AlertDecision> onPerformance(VersionKey key, String metric, double value, boolean degraded, double limit,
                                             EffectiveSettings s, Instant from, Instant to) {
        List<AlertDecision> out = new ArrayList<>();
        step(key, AlertScope.PERFORMANCE, metric, degraded, s, performanceDirty).ifPresent(type -> out.add(new AlertDecision(
                type == EventType.DRIFT_DETECTED ? EventType.PERFORMANCE_DEGRADED : EventType.DRIFT_RESOLVED,
                new DriftAlert(UUID.randomUUID().toString(), key.model(), key.version(), AlertScope.PERFORMANCE,
                        List.of(), 0.0, metric, value, limit, from, to))));
        return out;
    }

    /**
     * Resolves the active performance alerts of metrics that no longer have a limit (their floor
     * was removed and the version registered no value for them): no evaluation will judge them again,
     * so they would otherwise stay open for ever.
     *
     * @param limited the metrics that still have a limit
     * @param values the window's metrics, reported with the resolution where the window has them
     */
    public synchronized List<AlertDecision> onLimitsRemoved(VersionKey key, Set<String> limited,
                                                            Map<String, Double> values, Instant from, Instant to) {
        List<AlertDecision> out = new ArrayList<>();
        for (String metric : resolveActive(key, AlertScope.PERFORMANCE, m -> !limited.contains(m), performanceDirty)) {
            out.add(new AlertDecision(EventType.DRIFT_RESOLVED, new DriftAlert(UUID.randomUUID().toString(),
                    key.model(), key.version(), AlertScope.PERFORMANCE, List.of(), 0.0, metric, values.get(metric), 0.0,
                    from, to)));
        }
        return out;
    }

    /** Whether a subject currently has an active alert. */
    public synchronized boolean active(VersionKey key, AlertScope scope, String subject) {
        SubjectState s = statesOf(key).get(scope.wireName() + "/" + subject);
        return s != null && s.active();
    }

    /** States changed by windows since the last call, to be written with the checkpoint that holds those windows. */
    public synchronized List<SubjectState> takeWindowDirty() {
        return take(windowDirty);
    }

    /** States changed by performance evaluations since the last call, to be written with the labels that changed them. */
    public synchronized List<SubjectState> takePerformanceDirty() {
        return take(performanceDirty);
    }

    private static List<SubjectState> take(Map<String, SubjectState> dirty) {
        List<SubjectState> out = new ArrayList<>(dirty.values());
        dirty.clear();
        return out;
    }

    private java.util.Optional<EventType> step(VersionKey key, AlertScope scope, String subject, boolean bad,
                                               EffectiveSettings s, Map<String, SubjectState> dirty) {
        Map<String, SubjectState> byName = statesOf(key);
        String id = scope.wireName() + "/" + subject;
        SubjectState before = byName.getOrDefault(id,
                new SubjectState(key.model(), key.version(), scope.wireName(), subject, false, 0));
        SubjectState after = before.next(bad, s.detectAfter(), s.resolveAfter());
        if (!after.equals(before)) {
            record(key, after, dirty);
        }
        if (after.active() == before.active()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(after.active() ? EventType.DRIFT_DETECTED : EventType.DRIFT_RESOLVED);
    }

    /**
     * Resolves, without waiting for good evaluations, the active alerts of {@code scope} whose
     * subject no evaluation will judge again; the subjects resolved.
     */
    private List<String> resolveActive(VersionKey key, AlertScope scope, Predicate<String> unjudged,
                                       Map<String, SubjectState> dirty) {
        List<String> resolved = new ArrayList<>();
        for (SubjectState state : List.copyOf(statesOf(key).values())) {
            if (state.active() && scope.wireName().equals(state.scope()) && unjudged.test(state.subject())) {
                record(key, new SubjectState(state.model(), state.version(), state.scope(), state.subject(), false, 0),
                        dirty);
                resolved.add(state.subject());
            }
        }
        return resolved;
    }

    /** A subject's new state, kept and marked to be written with the checkpoint. */
    private void record(VersionKey key, SubjectState state, Map<String, SubjectState> dirty) {
        String id = state.scope() + "/" + state.subject();
        statesOf(key).put(id, state);
        dirty.put(key + "/" + id, state);
    }

    private Map<String, SubjectState> statesOf(VersionKey key) {
        return states.computeIfAbsent(key, k -> {
            Map<String, SubjectState> loaded = new HashMap<>();
            repository.states(k.model(), k.version()).forEach(s -> loaded.put(s.scope() + "/" + s.subject(), s));
            return loaded;
        });
    }

    private static DriftAlert alert(WindowResult r, AlertScope scope, List<String> features, Double threshold) {
        return new DriftAlert(UUID.randomUUID().toString(), r.model(), r.version(), scope, features, r.driftedShare(),
                null, null, threshold == null ? 0.0 : threshold, r.window().start(), r.window().end());
    }
}
