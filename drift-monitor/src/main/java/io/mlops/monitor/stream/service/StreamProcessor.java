package io.mlops.monitor.stream.service;

import io.mlops.common.db.SqlTimes;
import io.mlops.common.kafka.DeadLetterWriter;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.InvalidEventException;
import io.mlops.events.Topics;
import io.mlops.events.inference.Feedback;
import io.mlops.events.registry.ModelVersion;
import io.mlops.monitor.config.RegistryClientConfig;
import io.mlops.monitor.labels.service.FeatureDictionary;
import io.mlops.monitor.labels.service.PendingPrediction;
import io.mlops.monitor.metrics.DriftMetrics;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.Resolution;
import io.mlops.monitor.reference.service.VersionCatalog;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.stream.repository.OpenWindowRow;
import io.mlops.monitor.stream.repository.PreviousWindowRow;
import io.mlops.monitor.window.Hashes;
import io.mlops.monitor.window.Window;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Applies records to the monitor's state, exactly once per window even though Kafka delivers at
 * least once. Two offsets decide: a partition's high-water mark (records below it were handled
 * before: no dead-lettering, label capture or counting again) and, per version and partition, the
 * offset up to which its records are in its windows. After a restart or once a held version is
 * resolved, the stream seeks back and replays; a record re-enters a window only if it is at or past
 * that version's mark. Only the stream thread calls this.
 */
@ApplicationScoped
public class StreamProcessor {

    private static final Logger LOG = Logger.getLogger(StreamProcessor.class);

    private final VersionCatalog catalog;
    private final WindowManager windows;
    private final DeadLetterWriter deadLetters;
    private final DriftMetrics metrics;
    private final RegistryClientConfig registry;
    private final LiveWindows live;
    private final Map<TopicPartition, Long> highWater = new HashMap<>();
    private final Map<VersionKey, Map<Integer, Long>> appliedUntil = new HashMap<>();
    /** Per version and partition, where the window before its restored one started (replayed, not counted). */
    private final Map<VersionKey, Map<Integer, Long>> previousFrom = new HashMap<>();
    private final Map<VersionKey, Held> held = new HashMap<>();
    private final Map<VersionKey, MonitoredVersion> known = new HashMap<>();
    private final Map<VersionKey, Instant> unknownUntil = new HashMap<>();
    private final Set<VersionKey> requested = new HashSet<>();
    private final Map<VersionKey, FeatureDictionary> dictionaries = new HashMap<>();
    private Checkpoint checkpoint = new Checkpoint();
    private boolean dirty;

    public StreamProcessor(VersionCatalog catalog, WindowManager windows, DeadLetterWriter deadLetters,
                           DriftMetrics metrics, RegistryClientConfig registry, LiveWindows live) {
        this.catalog = catalog;
        this.windows = windows;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.registry = registry;
        this.live = live;
    }

    /**
     * Starts over from a committed checkpoint; returns where each assigned partition must be read
     * from (absent: from its beginning, never read before).
     */
    public Map<TopicPartition, Long> restore(Collection<TopicPartition> assigned, Map<TopicPartition, Long> positions,
                                             List<OpenWindowRow> open, List<PreviousWindowRow> previous) {
        highWater.clear();
        appliedUntil.clear();
        previousFrom.clear();
        held.clear();
        known.clear();
        unknownUntil.clear();
        requested.clear();
        windows.reset();
        checkpoint = new Checkpoint();
        dirty = false;
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Long position = positions.get(tp);
            if (position != null) {
                highWater.put(tp, position);
                seek.put(tp, position);
            }
        }
        restorePrevious(assigned, previous, seek);
        Map<VersionKey, Map<Integer, Long>> restoredWindows = new HashMap<>();
        Map<VersionKey, Map<Integer, Integer>> firstRows = new HashMap<>();
        Map<VersionKey, Long> sequences = new HashMap<>();
        for (OpenWindowRow row : open) {
            TopicPartition tp = new TopicPartition(Topics.INFERENCE_PREDICTIONS, row.partition());
            if (!assigned.contains(tp)) {
                continue;
            }
            VersionKey key = new VersionKey(row.model(), row.version());
            appliedUntil.computeIfAbsent(key, k -> new HashMap<>()).merge(row.partition(), row.firstOffset(), Math::min);
            seek.merge(tp, row.firstOffset(), Math::min);
            if (row.held()) {
                held.computeIfAbsent(key, k -> new Held()).hold(row.partition(), row.firstOffset(), 0);
            } else {
                restoredWindows.computeIfAbsent(key, k -> new HashMap<>()).merge(row.partition(), row.firstOffset(), Math::min);
                if (row.firstRow() > 0) {
                    firstRows.computeIfAbsent(key, k -> new HashMap<>()).put(row.partition(), row.firstRow());
                }
                sequences.put(key, row.sequence());
            }
        }
        restoredWindows.forEach((key, offsets) -> catalog.find(key).ifPresentOrElse(
                v -> {
                    known.put(key, v);
                    windows.restore(v, sequences.get(key), offsets, firstRows.getOrDefault(key, Map.of()));
                },
                () -> offsets.forEach((p, o) -> held.computeIfAbsent(key, k -> new Held()).hold(p, o, 0))));
        held.keySet().removeIf(key -> status(key) == Status.KNOWN);
        return seek;
    }

    /**
     * The windows closed just before the checkpoint are replayed too, only to learn their prediction
     * ids: a duplicate of one of their events that arrives after the restart is still dropped.
     */
    private void restorePrevious(Collection<TopicPartition> assigned, List<PreviousWindowRow> previous,
                                 Map<TopicPartition, Long> seek) {
        Map<VersionKey, Map<Integer, Long>> offsets = new HashMap<>();
        Map<VersionKey, Instant> closedAt = new HashMap<>();
        Instant now = Instant.now();
        for (PreviousWindowRow row : previous) {
            TopicPartition tp = new TopicPartition(Topics.INFERENCE_PREDICTIONS, row.partition());
            VersionKey key = new VersionKey(row.model(), row.version());
            if (assigned.contains(tp) && windows.stillRemembered(key, row.closedAt(), now)
                    && catalog.find(key).isPresent()) {
                offsets.computeIfAbsent(key, k -> new HashMap<>()).merge(row.partition(), row.firstOffset(), Math::min);
                closedAt.put(key, row.closedAt());
                seek.merge(tp, row.firstOffset(), Math::min);
            }
        }
        offsets.forEach((key, from) -> {
            previousFrom.put(key, from);
            windows.restorePrevious(key, from, closedAt.get(key));
        });
    }

    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        onRecord(record, null);
    }

    /**
     * @param decoded for a prediction record, what {@link ParallelDecoder} made of it (a
     *     {@link DecodedPrediction} or an {@link InvalidEventException}); {@code null} to parse here
     */
    public void onRecord(ConsumerRecord<byte[], byte[]> record, Object decoded) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        boolean fresh = record.offset() >= highWater.getOrDefault(tp, 0L);
        switch (record.topic()) {
            case Topics.INFERENCE_PREDICTIONS -> onPrediction(record, decoded, fresh);
            case Topics.INFERENCE_FEEDBACK -> {
                if (fresh) {
                    onFeedback(record);
                }
            }
            case Topics.REGISTRY_EVENTS -> {
                if (fresh) {
                    onRegistryEvent(record);
                }
            }
            default -> LOG.debugf("Ignoring a record of %s", record.topic());
        }
        if (fresh) {
            highWater.put(tp, record.offset() + 1);
            dirty = true;
        }
    }

    private void onPrediction(ConsumerRecord<byte[], byte[]> record, Object decoded, boolean fresh) {
        DecodedPrediction d;
        try {
            if (decoded instanceof InvalidEventException invalid) {
                throw invalid;
            }
            d = decoded instanceof DecodedPrediction ready ? ready : PredictionDecoder.decode(record.value());
        } catch (InvalidEventException e) {
            if (fresh) {
                checkpoint.deadLetters.add(deadLetters.send(Topics.INFERENCE_PREDICTIONS_DLQ, record, e.getMessage()));
                metrics.deadLettered("malformed");
            }
            return;
        }
        VersionKey key = d.key();
        if (!fresh && !replays(key, record.partition())) {
            // Handled before the checkpoint and in no window to rebuild: asking the registry about
            // its version again could hold, or later count, what was settled then.
            return;
        }
        Status status = status(key);
        if (status == Status.UNKNOWN) {
            if (fresh) {
                metrics.skipped("unknown_version", d.rows());
            }
            return;
        }
        PendingPrediction pending = null;
        if (fresh) {
            MonitoredVersion version = known.get(key);
            pending = d.pending() != null ? d.pending() : PendingCapture.of(d, version == null ? null
                    : dictionaries.computeIfAbsent(key, k -> FeatureDictionary.of(version)));
        }
        if (status == Status.PENDING) {
            addPending(pending);
            held.computeIfAbsent(key, k -> new Held()).hold(record.partition(), record.offset(), fresh ? d.rows() : 0);
            return;
        }
        Map<Integer, Long> marks = appliedUntil.computeIfAbsent(key, k -> new HashMap<>());
        Long mark = marks.get(record.partition());
        if (mark != null ? record.offset() >= mark : fresh) {
            if (!previousFrom.isEmpty()) {
                // This version's previous window lies before its first counted record here.
                forgetPrevious(key, record.partition());
            }
            if (windows.apply(known.get(key), d, record.partition(), record.offset(), checkpoint)) {
                metrics.processed(key.model(), 1, d.rows());
                addPending(pending);
            }
            // else a duplicate of a counted event: waiting for its label again would count it twice.
            marks.put(record.partition(), record.offset() + 1);
            dirty = true;
        } else {
            addPending(pending);
            Long previousStart = previousFrom.getOrDefault(key, Map.of()).get(record.partition());
            if (previousStart != null && record.offset() >= previousStart) {
                windows.rememberPrevious(key, Hashes.event(d.prediction().predictionId(), d.prediction().arm().ordinal()));
            }
        }
    }

    /** Whether a replayed record of this version still matters: its window, held events or previous window. */
    private boolean replays(VersionKey key, int partition) {
        return appliedUntil.getOrDefault(key, Map.of()).containsKey(partition)
                || held.containsKey(key)
                || previousFrom.getOrDefault(key, Map.of()).containsKey(partition);
    }

    private void forgetPrevious(VersionKey key, int partition) {
        Map<Integer, Long> from = previousFrom.get(key);
        if (from != null && from.remove(partition) != null && from.isEmpty()) {
            previousFrom.remove(key);
        }
    }

    private void addPending(PendingPrediction pending) {
        if (pending != null) {
            checkpoint.pending.add(pending);
        }
    }

    private void onFeedback(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (NulEscapes.present(record.value())) {
                throw new InvalidEventException("data", "a string holds a NUL character, which PostgreSQL cannot store");
            }
            CloudEvent<Feedback> event = EventJson.fromBytes(record.value(), Feedback.class);
            Feedback f = event.data();
            if (f.predictionId() == null || f.predictionId().isBlank() || f.label() == null) {
                throw new InvalidEventException("data", "feedback needs predictionId and label");
            }
            if (f.timestamp() != null && !SqlTimes.storable(f.timestamp())) {
                throw new InvalidEventException("data.timestamp", "must be between years 0001 and 9999");
            }
            checkpoint.feedback.add(f);
        } catch (InvalidEventException e) {
            metrics.skipped("malformed_feedback", 1);
            LOG.debugf("Skipping feedback at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void onRegistryEvent(ConsumerRecord<byte[], byte[]> record) {
        try {
            CloudEvent<?> event = EventJson.fromBytes(record.value());
            if (EventType.MODEL_VERSION_CREATED.type().equals(event.type()) && event.data() instanceof ModelVersion v) {
                catalog.prefetch(v);
            }
        } catch (InvalidEventException e) {
            LOG.debugf("Skipping registry event at offset %d: %s", record.offset(), e.getMessage());
        }
    }

    /**
     * Applies the registry's answers: a resolved version's held events are to be replayed from
     * where they start; an unknown version's are dropped. Returns partitions to seek back to.
     */
    public Map<TopicPartition, Long> onResolutions() {
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (Resolution r : catalog.drainResolutions()) {
            VersionKey key = r.key();
            requested.remove(key);
            Held h = held.remove(key);
            if (r.exists()) {
                known.put(key, r.version());
                if (h != null) {
                    Map<Integer, Long> marks = appliedUntil.computeIfAbsent(key, k -> new HashMap<>());
                    h.firstOffsets.forEach((p, from) -> {
                        marks.put(p, from);
                        seek.merge(new TopicPartition(Topics.INFERENCE_PREDICTIONS, p), from, Math::min);
                    });
                }
            } else {
                unknownUntil.put(key, Instant.now().plus(registry.unknownTtl()));
                appliedUntil.remove(key);
                if (h != null && h.rows > 0) {
                    metrics.skipped("unknown_version", h.rows);
                }
            }
            dirty = true;
        }
        return seek;
    }

    /** Time-driven work: closes windows whose time is up (not while replaying, when time means little). */
    public void tick(Instant now, boolean replaying) {
        if (!replaying) {
            int before = checkpoint.results.size();
            windows.closeIdle(now, checkpoint);
            dirty |= checkpoint.results.size() != before;
        }
    }

    /** Whether anything happened since the last checkpoint. */
    public boolean dirty() {
        return dirty;
    }

    public Checkpoint current() {
        return checkpoint;
    }

    /** Hands over everything since the last checkpoint, with the positions and replay points that cover it. */
    public Checkpoint takeCheckpoint() {
        Checkpoint out = checkpoint;
        out.positions = Map.copyOf(highWater);
        List<OpenWindowRow> rows = new ArrayList<>();
        Map<VersionKey, LiveWindows.OpenWindow> snapshot = new HashMap<>();
        for (Window w : windows.openWindows()) {
            snapshot.put(w.version().key(), new LiveWindows.OpenWindow(w.sequence(), w.rows(), w.events(), w.start(), w.end()));
            w.firstOffsets().forEach((p, o) -> rows.add(new OpenWindowRow(w.version().model(), w.version().version(),
                    p, o, w.sequence(), false, w.firstRows().getOrDefault(p, 0))));
        }
        held.forEach((key, h) -> h.firstOffsets.forEach((p, o) ->
                rows.add(new OpenWindowRow(key.model(), key.version(), p, o, 0, true, 0))));
        out.openWindows = rows;
        out.previousWindows = windows.previousToKeep(Instant.now());
        out.alertStates = windows.takeAlertStates();
        live.publish(snapshot);
        checkpoint = new Checkpoint();
        dirty = false;
        return out;
    }

    /** Next offset not yet handled, per partition. */
    public long highWater(TopicPartition tp) {
        return highWater.getOrDefault(tp, 0L);
    }

    private enum Status { KNOWN, PENDING, UNKNOWN }

    private Status status(VersionKey key) {
        if (known.containsKey(key)) {
            return Status.KNOWN;
        }
        Instant until = unknownUntil.get(key);
        if (until != null) {
            if (Instant.now().isBefore(until)) {
                return Status.UNKNOWN;
            }
            unknownUntil.remove(key);
        }
        if (requested.contains(key)) {
            return Status.PENDING;
        }
        var stored = catalog.find(key);
        if (stored.isPresent()) {
            known.put(key, stored.get());
            return Status.KNOWN;
        }
        catalog.request(key);
        requested.add(key);
        return Status.PENDING;
    }
}
