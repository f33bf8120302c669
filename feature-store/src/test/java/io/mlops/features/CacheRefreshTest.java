package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no update events to follow, the cache's background refresh is what bounds staleness: rows
 * changed in PostgreSQL behind its back are served fresh once their refresh period has passed,
 * many keys at once (the refreshes are read in batches).
 */
@QuarkusTest
@TestProfile(CacheRefreshTest.ShortRefreshNoEvents.class)
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CacheRefreshTest {

    /** A one-second refresh, and the update stream switched off so only the refresh can bring changes. */
    public static class ShortRefreshNoEvents implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mlops.features.online.cache.refresh-after-write", "1s",
                    "mlops.features.online.updates.enabled", "false");
        }
    }

    private static final Instant T1 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-02T00:00:00Z");
    private static final int KEYS = 40;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rowsChangedBehindTheCachesBackAreServedFreshAfterTheRefreshPeriod() throws Exception {
        String view = Fixtures.view("refresh", "customer_id", 0, Map.of("score", "DOUBLE"));
        List<Long> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO online_row (view_name, entity_key, event_ts, feature_values, view_version, written_at)"
                        + " VALUES (?, ?, ?, '{\"score\": 1.0}', 1, now())")) {
            for (long k = 1; k <= KEYS; k++) {
                ps.setString(1, view);
                ps.setString(2, Long.toString(k));
                ps.setTimestamp(3, Timestamp.from(T1));
                ps.addBatch();
                keys.add(k);
            }
            ps.executeBatch();
        }
        assertEquals(List.of(1.0f), distinctScores(view, keys));

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE online_row SET feature_values = '{\"score\": 2.0}', event_ts = ? WHERE view_name = ?")) {
            ps.setTimestamp(1, Timestamp.from(T2));
            ps.setString(2, view);
            assertEquals(KEYS, ps.executeUpdate());
        }
        assertEquals(List.of(1.0f), distinctScores(view, keys), "cached: nothing told this replica of the change");
        Eventually.await("every key refreshed from PostgreSQL", Duration.ofSeconds(20),
                () -> distinctScores(view, keys).equals(List.of(2.0f)));
    }

    private static List<Float> distinctScores(String view, List<Long> keys) {
        List<Float> scores = online(List.of(view + ":score"), "customer_id", keys)
                .statusCode(200).extract().path("results[1].values");
        return scores.stream().distinct().toList();
    }
}
