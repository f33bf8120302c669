package io.mlops.features.offline.repository;

import io.agroal.api.AgroalDataSource;
import io.mlops.features.ingest.service.ValidatedRow;
import io.mlops.features.jdbc.Sql;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SQL writes to {@code offline_row}, the append-only history every point-in-time query reads. */
@ApplicationScoped
public class OfflineStore {

    static final int CHUNK = 5_000;

    /** Same key and event time again replaces the values: replays are idempotent, corrections win. */
    private static final String UPSERT = "INSERT INTO offline_row AS cur"
            + " (view_name, entity_key, event_ts, feature_values, view_version, written_at)"
            + " SELECT ?, t.k, t.ts::timestamptz, t.v::jsonb, ?, now()"
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS t(k, ts, v)"
            + " ON CONFLICT (view_name, entity_key, event_ts) DO UPDATE SET feature_values = excluded.feature_values,"
            + " view_version = excluded.view_version, written_at = excluded.written_at"
            + " WHERE excluded.feature_values IS DISTINCT FROM cur.feature_values";

    private final AgroalDataSource dataSource;

    public OfflineStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Upserts rows in the caller's transaction; the last of duplicate (key, time) rows wins. */
    public void upsert(ViewSchema view, List<ValidatedRow> rows) {
        Map<String, ValidatedRow> unique = new TreeMap<>();
        for (ValidatedRow row : rows) {
            unique.put(row.entityKey() + '\u0000' + row.eventTs(), row);
        }
        List<ValidatedRow> ordered = new ArrayList<>(unique.values());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (int from = 0; from < ordered.size(); from += CHUNK) {
                List<ValidatedRow> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
                String[] keys = new String[chunk.size()];
                String[] times = new String[chunk.size()];
                String[] values = new String[chunk.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = chunk.get(i).entityKey();
                    times[i] = chunk.get(i).eventTs().toString();
                    values[i] = chunk.get(i).valuesJson();
                }
                ps.setString(1, view.name());
                ps.setInt(2, view.version());
                ps.setArray(3, c.createArrayOf("text", keys));
                ps.setArray(4, c.createArrayOf("text", times));
                ps.setArray(5, c.createArrayOf("text", values));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw Sql.failure("Could not write offline rows of view " + view.name(), e);
        }
    }

    /** The newest event time among rows, for freshness statistics. */
    public static Instant newest(List<ValidatedRow> rows) {
        Instant newest = null;
        for (ValidatedRow row : rows) {
            if (newest == null || row.eventTs().isAfter(newest)) {
                newest = row.eventTs();
            }
        }
        return newest;
    }
}
