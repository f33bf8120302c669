package io.mlops.features.entity.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.mlops.features.entity.service.Entity;
import io.mlops.features.entity.service.KeyType;
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

/** SQL for the {@code entity} table. */
@ApplicationScoped
public class EntityRepository {

    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };
    private static final String COLUMNS = "name, join_key, value_type, description, tags::text, created_at, created_by";

    private final AgroalDataSource dataSource;

    public EntityRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the entity unless one of that name exists; false when it did. */
    public boolean insertIfAbsent(Entity entity) {
        String sql = "INSERT INTO entity (name, join_key, value_type, description, tags, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (name) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, entity.name());
            ps.setString(2, entity.joinKey());
            ps.setString(3, entity.valueType().name());
            ps.setString(4, entity.description());
            ps.setString(5, Json.write(entity.tags()));
            ps.setTimestamp(6, Timestamp.from(entity.createdAt()));
            ps.setString(7, entity.createdBy());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("Could not insert entity " + entity.name(), e);
        }
    }

    public Optional<Entity> find(String name) {
        List<Entity> found = query("SELECT " + COLUMNS + " FROM entity WHERE name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<Entity> list() {
        return query("SELECT " + COLUMNS + " FROM entity ORDER BY name", null);
    }

    private List<Entity> query(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<Entity> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entity(rs.getString(1), rs.getString(2), KeyType.valueOf(rs.getString(3)),
                            rs.getString(4), Json.read(rs.getString(5), TAGS), rs.getTimestamp(6).toInstant(),
                            rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("Could not read entities", e);
        }
    }
}
