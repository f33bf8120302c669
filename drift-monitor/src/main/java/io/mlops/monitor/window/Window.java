package io.mlops.monitor.window;

import io.mlops.events.inference.PredictionRow;
import io.mlops.monitor.reference.service.CategoricalReference;
import io.mlops.monitor.reference.service.ColumnReference;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.NumericReference;
import io.mlops.monitor.reference.service.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * The open tumbling window of one model version: per reference column a sketch, exact counts and
 * data-quality tallies, a shared row sample for exact tests, the ids it has seen (to drop
 * duplicate events) and the Kafka offset it started at on each partition (to rebuild it by replay).
 * Not thread-safe: only the stream thread touches it.
 */
public final class Window {

    private static final int MAX_UNEXPECTED = 20;
    /** Most feature names a window without a reference profile keeps counts for. */
    static final int MAX_OBSERVED = 1_000;

    private final MonitoredVersion version;
    private final long sequence;
    private final List<NumericColumn> numericFeatures = new ArrayList<>();
    private final List<CategoricalColumn> categoricalFeatures = new ArrayList<>();
    private final Set<String> referenceFeatures;
    private final NumericColumn score;
    private final CategoricalColumn predictedLabel;
    private final RowSample sample;
    private final Map<String, long[]> observedFeatures = new HashMap<>();
    private final Set<String> unexpected = new LinkedHashSet<>();
    private final SeenIds ids = new SeenIds(256);
    private final SeenIds previousIds;
    private final KllDoublesSketch latency = KllDoublesSketch.newHeapInstance(200);
    private final Map<Integer, Long> firstOffsets = new TreeMap<>();
    private final Map<Integer, Integer> firstRows = new TreeMap<>();
    private final Map<Integer, long[]> replayFrom = new TreeMap<>();
    /** Wall-clock time the window was opened (or re-opened after a restart), for the idle rule. */
    private final Instant openedAt = Instant.now();
    private Instant start;
    private Instant end;
    private long rows;
    private long events;

    /**
     * @param previousIds the ids of the window this one follows, kept one more window so a duplicate
     *     arriving just after a close is still recognised
     */
    public Window(MonitoredVersion version, long sequence, WindowLimits limits, SeenIds previousIds) {
        this.version = version;
        this.sequence = sequence;
        this.previousIds = previousIds;
        ReferenceData reference = version.reference().orElse(null);
        int numericIndex = 0;
        NumericColumn scoreColumn = null;
        CategoricalColumn labelColumn = null;
        if (reference != null) {
            for (ColumnReference column : reference.features().values()) {
                if (column instanceof NumericReference n) {
                    numericFeatures.add(new NumericColumn(n.name(), numericIndex++, n.min(), n.max(), limits.kllK()));
                } else {
                    categoricalFeatures.add(new CategoricalColumn(column.name(), limits.maxCategories(),
                            column instanceof CategoricalReference c ? c.counts().keySet() : Set.of()));
                }
            }
            ColumnReference s = reference.outputs().get(ReferenceData.SCORE);
            if (s instanceof NumericReference n) {
                scoreColumn = new NumericColumn(n.name(), numericIndex++, n.min(), n.max(), limits.kllK());
            }
            ColumnReference l = reference.outputs().get(ReferenceData.PREDICTED_LABEL);
            if (l instanceof CategoricalReference c) {
                labelColumn = new CategoricalColumn(l.name(), limits.maxCategories(), c.counts().keySet());
            }
        }
        this.referenceFeatures = reference == null ? Set.of() : reference.features().keySet();
        this.score = scoreColumn;
        this.predictedLabel = labelColumn;
        this.sample = new RowSample(numericIndex == 0 ? 0 : limits.sampleSize(), numericIndex);
    }

    /** False when the event was seen already in this window or the one before. */
    public boolean firstSighting(long eventHash) {
        if (previousIds != null && previousIds.contains(eventHash)) {
            return false;
        }
        return ids.add(eventHash);
    }

    /** The ids this window has seen, to hand to its successor. */
    public SeenIds seenIds() {
        return ids;
    }

    /** Seeds the replay point of a window restored from a checkpoint, before its events are replayed. */
    public void restoreOffset(int partition, long offset, int firstRow) {
        firstOffsets.merge(partition, offset, Math::min);
        if (firstRow > 0) {
            firstRows.put(partition, firstRow);
            replayFrom.put(partition, new long[] {offset, firstRow});
        }
    }

    /** This window opened in the middle of the event it has just observed on {@code partition}, at {@code row}. */
    public void opensAtRow(int partition, int row) {
        firstRows.put(partition, row);
    }

    /**
     * The row to start a replayed event at: past the rows the window before counted, for the event
     * this restored window opened in the middle of; 0 for every other event.
     */
    public int replayFrom(int partition, long offset) {
        long[] point = replayFrom.get(partition);
        if (point == null || point[0] != offset) {
            return 0;
        }
        replayFrom.remove(partition);
        return (int) point[1];
    }

    /** Per partition, the first row of the window's first event there, where it is not 0. */
    public Map<Integer, Integer> firstRows() {
        return Collections.unmodifiableMap(firstRows);
    }

    /** Records that an event continues in this window (a batch split across a close). */
    public void markSeen(long eventHash) {
        ids.add(eventHash);
    }

    /** Notes an event's time, latency and position; call once per event, before its rows. */
    public void observeEvent(Instant timestamp, double latencyMs, int partition, long offset) {
        if (start == null) {
            start = timestamp;
        }
        if (end == null || timestamp.isAfter(end)) {
            end = timestamp;
        }
        events++;
        if (latencyMs >= 0 && Double.isFinite(latencyMs)) {
            latency.update(latencyMs);
        }
        firstOffsets.putIfAbsent(partition, offset);
    }

    /** Adds one row with its sampling priority. */
    public void add(PredictionRow row, long priority) {
        rows++;
        Map<String, Object> features = row.features() == null ? Map.of() : row.features();
        int slot = sample.offer(priority);
        int known = 0;
        for (NumericColumn column : numericFeatures) {
            Object raw = features.get(column.name());
            known += raw == null ? 0 : 1;
            double v = column.add(raw);
            if (slot >= 0) {
                sample.set(column.sampleIndex(), slot, v);
            }
        }
        for (CategoricalColumn column : categoricalFeatures) {
            Object raw = features.get(column.name());
            known += raw == null ? 0 : 1;
            column.add(raw);
        }
        if (score != null) {
            double v = score.add(row.score());
            if (slot >= 0) {
                sample.set(score.sampleIndex(), slot, v);
            }
        }
        if (predictedLabel != null) {
            predictedLabel.add(row.predictedLabel());
        }
        if (version.reference().isEmpty()) {
            features.forEach((name, value) -> {
                // Without a profile there is no list of features to hold names to: cap them, or
                // events with made-up names would grow the window, its result and the gauges without end.
                long[] present = observedFeatures.size() < MAX_OBSERVED ? observedFeatures.computeIfAbsent(name,
                        k -> new long[1]) : observedFeatures.get(name);
                if (present != null && value != null) {
                    present[0]++;
                }
            });
        } else if (features.size() > known && unexpected.size() < MAX_UNEXPECTED) {
            for (String name : features.keySet()) {
                if (!referenceFeatures.contains(name) && unexpected.size() < MAX_UNEXPECTED) {
                    unexpected.add(name);
                }
            }
        }
    }

    public MonitoredVersion version() {
        return version;
    }

    public long sequence() {
        return sequence;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    public long rows() {
        return rows;
    }

    public long events() {
        return events;
    }

    /** When, on this service's clock, the window was opened: an idle window closes a duration after it. */
    public Instant openedAt() {
        return openedAt;
    }

    /** Time of the window's first event; a time-bounded window closes at start + duration. */
    public Instant start() {
        return start;
    }

    /** Time of the latest event seen. */
    public Instant end() {
        return end;
    }

    public List<NumericColumn> numericFeatures() {
        return Collections.unmodifiableList(numericFeatures);
    }

    public List<CategoricalColumn> categoricalFeatures() {
        return Collections.unmodifiableList(categoricalFeatures);
    }

    public NumericColumn score() {
        return score;
    }

    public CategoricalColumn predictedLabel() {
        return predictedLabel;
    }

    /** Whether the sample holds every row, which makes tests on it exact. */
    public boolean sampleComplete() {
        return sample.size() == rows;
    }

    /** The sampled values of a numeric column. */
    public double[] sampleOf(NumericColumn column) {
        return sample.column(column.sampleIndex());
    }

    /** Without a profile: present counts of every feature seen. */
    public Map<String, Long> observedFeatures() {
        Map<String, Long> out = new TreeMap<>();
        observedFeatures.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    /** Features sent that the reference does not know (at most twenty names). */
    public Set<String> unexpectedFeatures() {
        return new HashSet<>(unexpected);
    }

    public KllDoublesSketch latency() {
        return latency;
    }

    /** The first offset of this window's events per partition of the predictions topic. */
    public Map<Integer, Long> firstOffsets() {
        return Collections.unmodifiableMap(firstOffsets);
    }
}
