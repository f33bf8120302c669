package io.mlops.features.stats.repository;

import io.agroal.api.AgroalDataSource;
import io.mlops.common.db.SqlTimes;
import io.mlops.features.jdbc.Sql;
import io.mlops.features.stats.service.ViewStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code view_stats}. Updates run in their own short statements after the data commit, so
 * this one row per view is never locked for the length of an ingestion transaction.
 */
@ApplicationScoped
public class ViewStatsRepository {

    private static final String COLUMNS = "view_name, online_newest_event_ts, offline_newest_event_ts,"
            + " last_write_at, materialized_until";

    private final AgroalDataSource dataSource;

    public ViewStatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ViewStats> find(String view) {
        List<ViewStats> found = query("SELECT " + COLUMNS + " FROM view_stats WHERE view_name = ?", view);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<ViewStats> list() {
        return query("SELECT " + COLUMNS + " FROM view_stats", null);
    }

    /** Moves the newest event times forward (never back); null leaves a store's time as it is. */
    public void recordWrite(String view, Instant onlineNewest, Instant offlineNewest) {
        String sql = "UPDATE view_stats SET online_newest_event_ts = GREATEST(online_newest_event_ts, ?),"
                + " offline_newest_event_ts = GREATEST(offline_newest_event_ts, ?), last_write_at = now()"
                + " WHERE view_name = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            SqlTimes.bind(ps, 1, onlineNewest);
            SqlTimes.bind(ps, 2, offlineNewest);
            ps.setString(3, view);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("Could not update view statistics", e);
        }
    }

    public void recordMaterialized(String view, Instant until) {
        String sql = "UPDATE view_stats SET materialized_until = GREATEST(materialized_until, ?) WHERE view_name = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            SqlTimes.bind(ps, 1, until);
            ps.setString(2, view);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("Could not update view statistics", e);
        }
    }

    private List<ViewStats> query(String sql, String view) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (view != null) {
                ps.setString(1, view);
            }
            List<ViewStats> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ViewStats(rs.getString(1), SqlTimes.instant(rs, 2), SqlTimes.instant(rs, 3), SqlTimes.instant(rs, 4), SqlTimes.instant(rs, 5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("Could not read view statistics", e);
        }
    }
}
