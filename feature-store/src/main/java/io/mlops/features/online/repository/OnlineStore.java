package io.mlops.features.online.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.mlops.common.db.SqlTimes;
import io.mlops.features.ingest.service.ValidatedRow;
import io.mlops.features.jdbc.Json;
import io.mlops.features.jdbc.Sql;
import io.mlops.features.online.service.OnlineRow;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SQL for {@code online_row}: the newest row per (view, entity key). */
@ApplicationScoped
public class OnlineStore {

    /** Rows per statement: arrays of this size bind in one round trip and keep statements short. */
    static final int CHUNK = 5_000;
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() { };

    /**
     * Writes only when the row is newer than the stored one, or has the same event time with
     * different values (a correction). So late or replayed rows never replace fresher data, and a
     * replay of identical rows writes nothing.
     */
    private static final String UPSERT = "INSERT INTO online_row AS cur"
            + " (view_name, entity_key, event_ts, feature_values, view_version, written_at)"
            + " SELECT ?, t.k, t.ts::timestamptz, t.v::jsonb, ?, now()"
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS t(k, ts, v)"
            + " ON CONFLICT (view_name, entity_key) DO UPDATE SET event_ts = excluded.event_ts,"
            + " feature_values = excluded.feature_values, view_version = excluded.view_version,"
            + " written_at = excluded.written_at"
            + " WHERE excluded.event_ts > cur.event_ts"
            + " OR (excluded.event_ts = cur.event_ts AND excluded.feature_values IS DISTINCT FROM cur.feature_values)"
            + " RETURNING entity_key";

    private final AgroalDataSource dataSource;

    public OnlineStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Upserts the newest row of each key, in key order so that concurrent batches lock rows in the
     * same order and cannot deadlock. Runs in the caller's transaction.
     *
     * @return the keys whose online row changed
     */
    public List<String> upsertIfNewer(ViewSchema view, List<ValidatedRow> rows) {
        TreeMap<String, ValidatedRow> newest = new TreeMap<>(OnlineStore::byCodePoint);
        for (ValidatedRow row : rows) {
            newest.merge(row.entityKey(), row, (a, b) -> b.eventTs().isBefore(a.eventTs()) ? a : b);
        }
        List<ValidatedRow> ordered = new ArrayList<>(newest.values());
        List<String> changed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (int from = 0; from < ordered.size(); from += CHUNK) {
                List<ValidatedRow> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
                bind(c, ps, view, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changed.add(rs.getString(1));
                    }
                }
            }
            return changed;
        } catch (SQLException e) {
            throw Sql.failure("Could not write online rows of view " + view.name(), e);
        }
    }

    /** The online rows of these keys; keys without a row map to {@link OnlineRow#ABSENT}. */
    public Map<String, OnlineRow> load(String view, Collection<String> keys) {
        Map<String, OnlineRow> out = new HashMap<>(keys.size() * 2);
        String sql = "SELECT entity_key, event_ts, feature_values::text FROM online_row"
                + " WHERE view_name = ? AND entity_key = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, view);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), OnlineRow.of(SqlTimes.instant(rs, 2),
                            Json.read(rs.getString(3), VALUES)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("Could not read online rows of view " + view, e);
        }
        for (String key : keys) {
            out.putIfAbsent(key, OnlineRow.ABSENT);
        }
        return out;
    }

    /**
     * UTF-8 byte order, which is PostgreSQL's {@code COLLATE "C"}: materialisation locks keys in
     * this order too, so a push and a materialisation never wait on each other in a cycle.
     * (String's natural order differs for characters beyond U+FFFF.)
     */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static void bind(Connection c, PreparedStatement ps, ViewSchema view, List<ValidatedRow> rows) throws SQLException {
        String[] keys = new String[rows.size()];
        String[] times = new String[rows.size()];
        String[] values = new String[rows.size()];
        for (int i = 0; i < keys.length; i++) {
            ValidatedRow row = rows.get(i);
            keys[i] = row.entityKey();
            times[i] = row.eventTs().toString();
            values[i] = row.valuesJson();
        }
        Array keyArray = c.createArrayOf("text", keys);
        ps.setString(1, view.name());
        ps.setInt(2, view.version());
        ps.setArray(3, keyArray);
        ps.setArray(4, c.createArrayOf("text", times));
        ps.setArray(5, c.createArrayOf("text", values));
    }
}
