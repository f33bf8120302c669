package io.mlops.monitor.stream.repository;

import io.mlops.monitor.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's checkpoint: its next offset per partition and the replay points of open windows,
 * written in the transaction that commits the window results and joins those offsets produced.
 */
@ApplicationScoped
public class StreamStateRepository {

    private final Db db;

    public StreamStateRepository(Db db) {
        this.db = db;
    }

    public Map<TopicPartition, Long> positions(String cluster, String group) {
        Map<TopicPartition, Long> out = new HashMap<>();
        db.list("SELECT topic, kafka_partition, next_offset FROM stream_position WHERE cluster_id = ? AND group_id = ?",
                Db.args(cluster, group), rs -> out.put(new TopicPartition(rs.getString("topic"),
                        rs.getInt("kafka_partition")), rs.getLong("next_offset")));
        return out;
    }

    public List<OpenWindowRow> openWindows(String cluster, String group) {
        return db.list("SELECT model, version, kafka_partition, first_offset, sequence, held, first_row FROM open_window "
                        + "WHERE cluster_id = ? AND group_id = ?", Db.args(cluster, group),
                rs -> new OpenWindowRow(rs.getString("model"), rs.getInt("version"), rs.getInt("kafka_partition"),
                        rs.getLong("first_offset"), rs.getLong("sequence"), rs.getBoolean("held"), rs.getInt("first_row")));
    }

    public List<PreviousWindowRow> previousWindows(String cluster, String group) {
        return db.list("SELECT model, version, kafka_partition, first_offset, closed_at FROM previous_window "
                        + "WHERE cluster_id = ? AND group_id = ?", Db.args(cluster, group),
                rs -> new PreviousWindowRow(rs.getString("model"), rs.getInt("version"), rs.getInt("kafka_partition"),
                        rs.getLong("first_offset"), Db.instant(rs, "closed_at")));
    }

    /**
     * Replaces the checkpoint of the given partitions: positions upserted, their open and previous
     * windows rewritten.
     */
    public void save(String cluster, String group, Map<TopicPartition, Long> positions, Collection<Integer> windowPartitions,
                     List<OpenWindowRow> open, List<PreviousWindowRow> previous) {
        Instant now = Instant.now();
        List<List<?>> rows = new ArrayList<>();
        positions.forEach((tp, offset) -> rows.add(Db.args(cluster, group, tp.topic(), tp.partition(), offset, now)));
        db.batch("INSERT INTO stream_position (cluster_id, group_id, topic, kafka_partition, next_offset, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, group_id, topic, kafka_partition) "
                + "DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at", rows);
        if (!windowPartitions.isEmpty()) {
            db.update("DELETE FROM open_window WHERE cluster_id = ? AND group_id = ? AND kafka_partition = ANY(?)",
                    Db.args(cluster, group, windowPartitions.toArray(Integer[]::new)));
            db.update("DELETE FROM previous_window WHERE cluster_id = ? AND group_id = ? AND kafka_partition = ANY(?)",
                    Db.args(cluster, group, windowPartitions.toArray(Integer[]::new)));
        }
        List<List<?>> windows = new ArrayList<>();
        for (OpenWindowRow w : open) {
            windows.add(Db.args(cluster, group, w.model(), w.version(), w.partition(), w.firstOffset(), w.sequence(), w.held(),
                    w.firstRow()));
        }
        db.batch("INSERT INTO open_window (cluster_id, group_id, model, version, kafka_partition, first_offset, sequence, "
                + "held, first_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", windows);
        List<List<?>> previousRows = new ArrayList<>();
        for (PreviousWindowRow w : previous) {
            previousRows.add(Db.args(cluster, group, w.model(), w.version(), w.partition(), w.firstOffset(), w.closedAt()));
        }
        db.batch("INSERT INTO previous_window (cluster_id, group_id, model, version, kafka_partition, first_offset, "
                + "closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", previousRows);
    }

    /**
     * {@code synchronous_commit = off} for the current transaction only: it commits without waiting
     * for its WAL to reach disk. A database crash can then lose the latest checkpoints, but never
     * part of one, and the stream replays from the older checkpoint that survived.
     */
    public void relaxDurabilityOfThisTransaction() {
        db.update("SET LOCAL synchronous_commit = off", List.of());
    }

    /** The highest window number a version reached, or 0. */
    public long lastSequence(String model, int version) {
        return db.one("SELECT coalesce(max(sequence), 0) AS s FROM window_result WHERE model = ? AND version = ?",
                Db.args(model, version), rs -> rs.getLong("s")).orElse(0L);
    }
}
