package io.mlops.features.offline.repository;

import io.agroal.api.AgroalDataSource;
import io.mlops.features.jdbc.Sql;
import io.mlops.features.offline.service.HistoricalSink;
import io.mlops.features.offline.service.PreparedRetrieval;
import io.mlops.features.online.service.LookupPlan.ViewGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The point-in-time join, in one SQL statement. The entity rows travel as arrays and are unnested
 * server-side; for each row and view a LATERAL subquery takes the newest offline row with
 * {@code event_ts <= the row's time} (never a value from its future) and within the view's ttl,
 * which the primary key index answers with one backward probe. The result is read through a
 * cursor and streamed, so its size is bounded by the client, not by memory.
 */
@ApplicationScoped
public class PointInTimeQuery {

    private final AgroalDataSource dataSource;

    public PointInTimeQuery(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void run(PreparedRetrieval retrieval, HistoricalSink sink, int fetchSize, Duration timeout) throws IOException {
        ViewGroup[] groups = retrieval.plan().groups();
        List<Object> params = new ArrayList<>();
        String sql = sql(groups, params);
        int rows = retrieval.rows().size();
        Integer[] ordinals = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            ordinals[i] = i;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // A cursor (fetch size honoured) needs a transaction; it only reads, so it is rolled back.
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int at = 1;
                ps.setArray(at++, c.createArrayOf("int4", ordinals));
                ps.setArray(at++, c.createArrayOf("text", retrieval.timestamps()));
                for (String[] keys : retrieval.groupKeys()) {
                    ps.setArray(at++, c.createArrayOf("text", keys));
                }
                for (Object p : params) {
                    if (p instanceof String text) {
                        ps.setString(at++, text);
                    } else {
                        ps.setLong(at++, (Long) p);
                    }
                }
                ps.setFetchSize(fetchSize);
                stream(ps, retrieval, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw Sql.failure("Historical retrieval failed", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void stream(PreparedStatement ps, PreparedRetrieval retrieval, HistoricalSink sink)
            throws SQLException, IOException {
        ViewGroup[] groups = retrieval.plan().groups();
        int featureCount = retrieval.plan().featureCount();
        sink.begin(retrieval.entityColumns(), retrieval.featureNames());
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int ordinal = rs.getInt(1);
                String[] values = new String[featureCount];
                int column = 2;
                for (ViewGroup group : groups) {
                    for (int f = 0; f < group.features().length; f++) {
                        values[group.columns()[f]] = rs.getString(column++);
                    }
                }
                sink.row(retrieval.rows().get(ordinal), values);
            }
        }
        sink.end();
    }

    /** The SQL; {@code params} receives, in order, the values of the placeholders after the arrays. */
    static String sql(ViewGroup[] groups, List<Object> params) {
        StringBuilder select = new StringBuilder("SELECT e.ord");
        StringBuilder from = new StringBuilder(" FROM unnest(?::int4[], ?::text[]");
        StringBuilder columns = new StringBuilder("ord, ts");
        for (int g = 0; g < groups.length; g++) {
            from.append(", ?::text[]");
            columns.append(", k").append(g);
            for (int f = 0; f < groups[g].features().length; f++) {
                select.append(", g").append(g).append(".f").append(f);
            }
        }
        from.append(") AS e(").append(columns).append(')');
        for (int g = 0; g < groups.length; g++) {
            ViewGroup group = groups[g];
            from.append(" LEFT JOIN LATERAL (SELECT ");
            for (int f = 0; f < group.features().length; f++) {
                from.append(f == 0 ? "" : ", ").append("(o.feature_values -> ?::text)::text AS f").append(f);
                params.add(group.features()[f]);
            }
            from.append(" FROM offline_row o WHERE o.view_name = ? AND o.entity_key = e.k").append(g)
                    .append(" AND o.event_ts <= e.ts::timestamptz");
            params.add(group.view().name());
            if (group.view().ttlSeconds() > 0) {
                from.append(" AND o.event_ts >= e.ts::timestamptz - ? * interval '1 second'");
                params.add(group.view().ttlSeconds());
            }
            from.append(" ORDER BY o.event_ts DESC LIMIT 1) g").append(g).append(" ON TRUE");
        }
        return select.append(from).append(" ORDER BY e.ord").toString();
    }
}
