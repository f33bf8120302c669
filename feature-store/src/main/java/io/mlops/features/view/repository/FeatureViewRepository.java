package io.mlops.features.view.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.mlops.features.jdbc.Json;
import io.mlops.features.jdbc.Sql;
import io.mlops.features.view.service.FeatureSpec;
import io.mlops.features.view.service.JoinKey;
import io.mlops.features.view.service.ViewHistory;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** SQL for {@code feature_view} and its immutable {@code feature_view_version} rows. */
@ApplicationScoped
public class FeatureViewRepository {

    private static final TypeReference<List<JoinKey>> JOIN_KEYS = new TypeReference<>() { };
    private static final TypeReference<List<FeatureSpec>> FEATURES = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };
    private static final String VERSION_COLUMNS = "v.view_name, v.version, v.entities::text, v.features::text,"
            + " v.ttl_seconds, v.description, v.tags::text, v.created_at, v.created_by";

    private final AgroalDataSource dataSource;

    public FeatureViewRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ViewHistory> find(String name) {
        List<ViewHistory> found = load("WHERE f.name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<ViewHistory> list() {
        return load("", null);
    }

    /**
     * The latest version, locking the view's row until the transaction ends so that two
     * concurrent changes of one view cannot both become version n+1. Empty if the view is new.
     */
    public OptionalInt lockLatestVersion(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT latest_version FROM feature_view WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("Could not lock feature view " + name, e);
        }
    }

    /** Creates the view row; false if a concurrent request created it first. */
    public boolean insertView(String name, Instant now) {
        return update("INSERT INTO feature_view (name, latest_version, created_at, updated_at) VALUES (?, 0, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING", ps -> {
                    ps.setString(1, name);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setTimestamp(3, Timestamp.from(now));
                }) == 1;
    }

    public void insertVersion(ViewSchema schema) {
        update("INSERT INTO feature_view_version (view_name, version, entities, features, ttl_seconds, description,"
                + " tags, created_at, created_by) VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?)", ps -> {
                    ps.setString(1, schema.name());
                    ps.setInt(2, schema.version());
                    ps.setString(3, Json.write(schema.joinKeys()));
                    ps.setString(4, Json.write(schema.features()));
                    ps.setLong(5, schema.ttlSeconds());
                    ps.setString(6, schema.description());
                    ps.setString(7, Json.write(schema.tags()));
                    ps.setTimestamp(8, Timestamp.from(schema.createdAt()));
                    ps.setString(9, schema.createdBy());
                });
        update("UPDATE feature_view SET latest_version = ?, updated_at = ? WHERE name = ?", ps -> {
            ps.setInt(1, schema.version());
            ps.setTimestamp(2, Timestamp.from(schema.createdAt()));
            ps.setString(3, schema.name());
        });
        update("INSERT INTO view_stats (view_name) VALUES (?) ON CONFLICT DO NOTHING", ps -> ps.setString(1, schema.name()));
    }

    private List<ViewHistory> load(String where, String name) {
        String sql = "SELECT f.name, f.latest_version, f.created_at, f.updated_at, " + VERSION_COLUMNS
                + " FROM feature_view f JOIN feature_view_version v ON v.view_name = f.name " + where
                + " ORDER BY f.name, v.version";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            Map<String, ViewHistory> views = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String viewName = rs.getString(1);
                    ViewHistory history = views.computeIfAbsent(viewName, n -> uncheckedHistory(rs, n));
                    ViewSchema schema = readVersion(rs);
                    history.versions().put(schema.version(), schema);
                }
            }
            List<ViewHistory> out = new ArrayList<>(views.size());
            for (ViewHistory h : views.values()) {
                out.add(new ViewHistory(h.name(), h.latestVersion(), Map.copyOf(h.versions()), h.createdAt(), h.updatedAt()));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("Could not read feature views", e);
        }
    }

    private static ViewHistory uncheckedHistory(ResultSet rs, String name) {
        try {
            return new ViewHistory(name, rs.getInt(2), new HashMap<>(), rs.getTimestamp(3).toInstant(),
                    rs.getTimestamp(4).toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ViewSchema readVersion(ResultSet rs) throws SQLException {
        return new ViewSchema(rs.getString(5), rs.getInt(6), Json.read(rs.getString(7), JOIN_KEYS),
                Json.read(rs.getString(8), FEATURES), rs.getLong(9), rs.getString(10), Json.read(rs.getString(11), TAGS),
                rs.getTimestamp(12).toInstant(), rs.getString(13));
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("Could not write feature view", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
