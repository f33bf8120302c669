package io.mlops.bench.floor;

import io.mlops.bench.load.LatencyResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The floor under every read the registry and the feature store answer: one primary-key select of
 * a model row over a warm JDBC connection to the platform's own PostgreSQL, back to back.
 */
public final class RawJdbcSelect {

    private RawJdbcSelect() {
    }

    public static LatencyResult run(String url, String user, String password, int calls) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement all = c.prepareStatement("SELECT id FROM registry.model ORDER BY id LIMIT 1000");
                 ResultSet rs = all.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            if (ids.isEmpty()) {
                throw new IllegalStateException("no models in registry.model to select");
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, name, description, tags, created_at FROM registry.model WHERE id = ?")) {
                loop(select, ids, calls / 5, new Histogram(3));
                Histogram h = new Histogram(3);
                long start = System.nanoTime();
                loop(select, ids, calls, h);
                return LatencyResult.ofLoop(calls, (System.nanoTime() - start) / 1e9, h);
            }
        }
    }

    private static void loop(PreparedStatement select, List<Long> ids, int calls, Histogram h) throws SQLException {
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            select.setLong(1, ids.get(i % ids.size()));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("row vanished");
                }
                rs.getString(2);
                rs.getString(4);
            }
            h.recordValue(System.nanoTime() - t0);
        }
    }
}
