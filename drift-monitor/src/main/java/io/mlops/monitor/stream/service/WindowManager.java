package io.mlops.monitor.stream.service;

import io.mlops.events.inference.Prediction;
import io.mlops.monitor.alert.service.AlertPolicy;
import io.mlops.monitor.alert.service.SubjectState;
import io.mlops.monitor.config.WindowConfig;
import io.mlops.monitor.drift.service.DriftEvaluator;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.metrics.DriftMetrics;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.settings.service.SettingsService;
import io.mlops.monitor.stream.repository.PreviousWindowRow;
import io.mlops.monitor.stream.repository.StreamStateRepository;
import io.mlops.monitor.window.Hashes;
import io.mlops.monitor.window.SeenIds;
import io.mlops.monitor.window.Window;
import io.mlops.monitor.window.WindowLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open window of every version: adds each prediction's rows, closes a window when it reaches
 * its size or its duration (in event time; on the wall clock when no further event comes),
 * evaluates it and hands the result and any alert to the checkpoint. Only the stream thread calls
 * this.
 */
@ApplicationScoped
public class WindowManager {

    private final SettingsService settings;
    private final AlertPolicy alerts;
    private final DriftMetrics metrics;
    private final StreamStateRepository state;
    private final WindowConfig config;
    private final WindowLimits limits;
    private final Map<VersionKey, Window> open = new HashMap<>();
    private final Map<VersionKey, Long> nextSequence = new HashMap<>();
    private final Map<VersionKey, SeenIds> previousIds = new HashMap<>();
    private final Map<VersionKey, Previous> previousWindows = new HashMap<>();
    private long duplicates;

    /** Where a version's last closed window started, per partition, and when it closed. */
    private record Previous(Map<Integer, Long> firstOffsets, Instant closedAt) {
    }

    public WindowManager(SettingsService settings, AlertPolicy alerts, DriftMetrics metrics, StreamStateRepository state,
                         WindowConfig config) {
        this.settings = settings;
        this.alerts = alerts;
        this.metrics = metrics;
        this.state = state;
        this.config = config;
        this.limits = new WindowLimits(config.sampleSize(), config.kllK(), config.maxCategories());
    }

    public void reset() {
        open.clear();
        nextSequence.clear();
        previousIds.clear();
        previousWindows.clear();
    }

    /**
     * Before a restart's replay: the version's last closed window started at {@code firstOffsets};
     * its events, replayed first, are only remembered (see {@link #rememberPrevious}) so the
     * window after it still recognises a late duplicate of one of them.
     */
    public void restorePrevious(VersionKey key, Map<Integer, Long> firstOffsets, Instant closedAt) {
        previousIds.put(key, SeenIds.forReplay());
        previousWindows.put(key, new Previous(Map.copyOf(firstOffsets), closedAt));
    }

    /** Whether a window of this version closed at {@code closedAt} is still worth replaying for its ids. */
    public boolean stillRemembered(VersionKey key, Instant closedAt, Instant now) {
        return !now.isAfter(closedAt.plus(settings.effective(key.model()).windowDuration()));
    }

    /** Notes a replayed event of the window before the restored one, without counting it. */
    public void rememberPrevious(VersionKey key, long eventHash) {
        SeenIds ids = previousIds.get(key);
        if (ids != null) {
            ids.add(eventHash);
        }
    }

    /**
     * The replay points of closed windows worth keeping: a window closed less than one window
     * duration ago (a duplicate comes within seconds; an older window would make a restart replay
     * long-idle history).
     */
    public List<PreviousWindowRow> previousToKeep(Instant now) {
        List<PreviousWindowRow> rows = new ArrayList<>();
        previousWindows.entrySet().removeIf(e -> !stillRemembered(e.getKey(), e.getValue().closedAt(), now));
        previousWindows.forEach((key, previous) -> previous.firstOffsets().forEach((partition, offset) -> rows.add(
                new PreviousWindowRow(key.model(), key.version(), partition, offset, previous.closedAt()))));
        return rows;
    }

    /** Re-opens a window that was open at the last checkpoint; its events are about to be replayed. */
    public void restore(MonitoredVersion version, long sequence, Map<Integer, Long> firstOffsets,
                        Map<Integer, Integer> firstRows) {
        Window w = new Window(version, sequence, limits, previousIds.get(version.key()));
        firstOffsets.forEach((partition, offset) -> w.restoreOffset(partition, offset,
                firstRows.getOrDefault(partition, 0)));
        open.put(version.key(), w);
        nextSequence.put(version.key(), sequence + 1);
    }

    /** Adds one prediction; returns false when it was a duplicate of one already counted. */
    public boolean apply(MonitoredVersion version, DecodedPrediction d, int partition, long offset, Checkpoint checkpoint) {
        VersionKey key = version.key();
        EffectiveSettings s = settings.effective(key.model());
        Prediction p = d.prediction();
        Window w = open.get(key);
        if (w != null && !w.isEmpty() && !d.timestamp().isBefore(w.start().plus(s.windowDuration()))) {
            close(w, s, "time", checkpoint);
            w = null;
        }
        if (w == null) {
            w = newWindow(version);
        }
        long eventHash = Hashes.event(p.predictionId(), p.arm().ordinal());
        if (!w.firstSighting(eventHash)) {
            duplicates++;
            metrics.skipped("duplicate", 1);
            return false;
        }
        int from = w.replayFrom(partition, offset);
        w.observeEvent(d.timestamp(), p.latencyMs(), partition, offset);
        for (int i = from; i < p.rows().size(); i++) {
            if (w == null) {
                w = newWindow(version);
                w.markSeen(eventHash);
                w.observeEvent(d.timestamp(), Double.NaN, partition, offset);
                w.opensAtRow(partition, i);
            }
            w.add(p.rows().get(i), Hashes.row(eventHash, i));
            if (w.rows() >= s.windowSize()) {
                close(w, s, "size", checkpoint);
                w = null;
            }
        }
        return true;
    }

    /**
     * Closes windows open for longer than their duration on the wall clock, so quiet models still get
     * verdicts. Measured from when the window was opened, not from its first event's time: events
     * read from a backlog, or stamped by a clock that is behind or ahead, would otherwise close a
     * window after every poll, or never.
     */
    public void closeIdle(Instant now, Checkpoint checkpoint) {
        List<Window> due = new ArrayList<>();
        for (Window w : open.values()) {
            if (!w.isEmpty()) {
                EffectiveSettings s = settings.effective(w.version().model());
                if (now.isAfter(w.openedAt().plus(s.windowDuration()).plus(config.idleGrace()))) {
                    due.add(w);
                }
            }
        }
        due.forEach(w -> close(w, settings.effective(w.version().model()), "idle", checkpoint));
    }

    public Collection<Window> openWindows() {
        return open.values();
    }

    /** Alert states changed by the windows closed since the last call. */
    public List<SubjectState> takeAlertStates() {
        return alerts.takeWindowDirty();
    }

    public long duplicates() {
        return duplicates;
    }

    private Window newWindow(MonitoredVersion version) {
        VersionKey key = version.key();
        long sequence = nextSequence.computeIfAbsent(key, k -> state.lastSequence(k.model(), k.version()) + 1);
        nextSequence.put(key, sequence + 1);
        Window w = new Window(version, sequence, limits, previousIds.get(key));
        open.put(key, w);
        return w;
    }

    private void close(Window w, EffectiveSettings s, String reason, Checkpoint checkpoint) {
        long closedNanos = System.nanoTime();
        VersionKey key = w.version().key();
        open.remove(key);
        previousIds.put(key, w.seenIds());
        previousWindows.put(key, new Previous(Map.copyOf(w.firstOffsets()), Instant.now()));
        WindowResult result = DriftEvaluator.evaluate(w, s, reason, Instant.now());
        metrics.windowClosed(result);
        checkpoint.addResult(result, closedNanos);
        checkpoint.alerts.addAll(alerts.onWindow(result, s));
    }
}
