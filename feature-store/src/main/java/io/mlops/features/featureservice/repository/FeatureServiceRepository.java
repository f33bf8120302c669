package io.mlops.features.featureservice.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.mlops.features.featureservice.service.FeatureServiceDefinition;
import io.mlops.features.jdbc.Json;
import io.mlops.features.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for {@code feature_service}. */
@ApplicationScoped
public class FeatureServiceRepository {

    private static final TypeReference<List<String>> REFS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };
    private static final String COLUMNS = "name, features::text, description, tags::text, created_at, created_by,"
            + " updated_at, updated_by";

    private final AgroalDataSource dataSource;

    public FeatureServiceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or replaces the definition, keeping who created it and when. */
    public void upsert(FeatureServiceDefinition d) {
        String sql = "INSERT INTO feature_service (name, features, description, tags, created_at, created_by,"
                + " updated_at, updated_by) VALUES (?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET features = excluded.features, description = excluded.description,"
                + " tags = excluded.tags, updated_at = excluded.updated_at, updated_by = excluded.updated_by";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.name());
            ps.setString(2, Json.write(d.features()));
            ps.setString(3, d.description());
            ps.setString(4, Json.write(d.tags()));
            ps.setTimestamp(5, Timestamp.from(d.createdAt()));
            ps.setString(6, d.createdBy());
            ps.setTimestamp(7, Timestamp.from(d.updatedAt()));
            ps.setString(8, d.updatedBy());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("Could not write feature service " + d.name(), e);
        }
    }

    /** Deletes the definition; false if there was none. */
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM feature_service WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("Could not delete feature service " + name, e);
        }
    }

    public Optional<FeatureServiceDefinition> find(String name) {
        List<FeatureServiceDefinition> found = query("SELECT " + COLUMNS + " FROM feature_service WHERE name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<FeatureServiceDefinition> list() {
        return query("SELECT " + COLUMNS + " FROM feature_service ORDER BY name", null);
    }

    private List<FeatureServiceDefinition> query(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<FeatureServiceDefinition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FeatureServiceDefinition(rs.getString(1), Json.read(rs.getString(2), REFS),
                            rs.getString(3), Json.read(rs.getString(4), TAGS), rs.getTimestamp(5).toInstant(),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("Could not read feature services", e);
        }
    }
}
