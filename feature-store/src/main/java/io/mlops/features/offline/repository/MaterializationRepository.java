package io.mlops.features.offline.repository;

import io.agroal.api.AgroalDataSource;
import io.mlops.common.db.SqlTimes;
import io.mlops.features.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Copies the newest offline row per key in a time window to the online table, one key range at a time. */
@ApplicationScoped
public class MaterializationRepository {

    /** One page: what was looked at and which online keys changed. */
    public record Page(int keysConsidered, String lastKey, Instant newestEventTs, List<String> changedKeys) {
    }

    /**
     * The same "only if newer" rule as ingestion: a window of old data never replaces fresher
     * online values written since. At the same event time the later write wins (Feast's created
     * timestamp): the offline row keeps its own write time, so a correction pushed online after it
     * was written, or while this page was being read, is not undone.
     */
    private static final String PAGE = "WITH latest AS ("
            + " SELECT DISTINCT ON (entity_key) entity_key, event_ts, feature_values, view_version, written_at"
            + " FROM offline_row"
            + " WHERE view_name = ? AND event_ts >= COALESCE(?::timestamptz, '-infinity'::timestamptz)"
            + " AND event_ts <= ?::timestamptz AND entity_key > ?"
            + " ORDER BY entity_key, event_ts DESC LIMIT ?),"
            + " up AS (INSERT INTO online_row AS cur"
            + " (view_name, entity_key, event_ts, feature_values, view_version, written_at)"
            + " SELECT ?, entity_key, event_ts, feature_values, view_version, written_at FROM latest"
            // Rows locked in the order pushes lock them (OnlineStore.byCodePoint), whatever the
            // database's collation, so a push and a materialisation never wait on each other in a cycle.
            + " ORDER BY entity_key COLLATE \"C\""
            + " ON CONFLICT (view_name, entity_key) DO UPDATE SET event_ts = excluded.event_ts,"
            + " feature_values = excluded.feature_values, view_version = excluded.view_version,"
            + " written_at = excluded.written_at"
            + " WHERE excluded.event_ts > cur.event_ts"
            + " OR (excluded.event_ts = cur.event_ts AND excluded.written_at > cur.written_at"
            + " AND excluded.feature_values IS DISTINCT FROM cur.feature_values)"
            + " RETURNING cur.entity_key)"
            + " SELECT (SELECT count(*) FROM latest), (SELECT max(entity_key) FROM latest),"
            + " (SELECT max(event_ts) FROM latest), ARRAY(SELECT entity_key FROM up)";

    private final AgroalDataSource dataSource;

    public MaterializationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Materializes keys after {@code afterKey} (exclusive), at most {@code limit}; runs in the caller's transaction. */
    public Page page(String view, Instant start, Instant end, String afterKey, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setString(1, view);
            SqlTimes.bind(ps, 2, start);
            SqlTimes.bind(ps, 3, end);
            ps.setString(4, afterKey);
            ps.setInt(5, limit);
            ps.setString(6, view);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array changed = rs.getArray(4);
                return new Page(rs.getInt(1), rs.getString(2), SqlTimes.instant(rs, 3),
                        Arrays.asList((String[]) changed.getArray()));
            }
        } catch (SQLException e) {
            throw Sql.failure("Materialization of view " + view + " failed", e);
        }
    }
}
