package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agroal.api.AgroalDataSource;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Topics;
import io.mlops.events.features.OnlineUpdated;
import io.mlops.events.features.PushTarget;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The read cache never keeps serving a value that a later write replaced, on this replica or another. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CacheCoherenceTest {

    private static final Instant T1 = Instant.parse("2024-04-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-04-02T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    private static float score(String view, long key) {
        return online(List.of(view + ":score"), "customer_id", List.of(key))
                .statusCode(200).extract().<Float>path("results[1].values[0]");
    }

    @Test
    void aWriteThroughKafkaReplacesTheCachedValue() {
        String view = Fixtures.view("coh-kafka", "customer_id", 0, Map.of("score", "DOUBLE"));
        push(view, "online", List.of(row("customer_id", 1, T1, "score", 1.0))).statusCode(200);
        assertEquals(1.0f, score(view, 1));
        assertEquals(1.0f, score(view, 1));
        KafkaFixtures.send(Topics.FEATURES_INGEST, view, KafkaFixtures.rowsEvent(view, PushTarget.ONLINE,
                List.of(row("customer_id", 1, T2, "score", 2.0))));
        Eventually.await("the streamed value to replace the cached one", Duration.ofSeconds(90),
                () -> score(view, 1) == 2.0f);
    }

    @Test
    void aPushPublishesOnlineUpdatedAfterCommit() {
        String view = Fixtures.view("coh-event", "customer_id", 0, Map.of("score", "DOUBLE"));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().contentType(ContentType.JSON)
                .header("X-Actor", "alice").header("traceparent", traceparent)
                .body(Map.of("to", "online", "rows", List.of(row("customer_id", 42, T1, "score", 1.0))))
                .when().post("/api/v1/feature-views/" + view + "/push").then().statusCode(200);
        List<ConsumerRecord<byte[], byte[]>> events = KafkaFixtures.read(Topics.FEATURES_UPDATES,
                r -> view.equals(r.key() == null ? null : new String(r.key())), 1, Duration.ofSeconds(10));
        assertEquals(1, events.size(), "one online-updated event for the push");
        CloudEvent<OnlineUpdated> event = EventJson.fromBytes(events.get(0).value(), OnlineUpdated.class);
        assertEquals(EventType.ONLINE_UPDATED.type(), event.type());
        assertEquals(view, event.subject());
        assertEquals(List.of(42L), event.data().keys());
        assertEquals("alice", event.actor());
        assertEquals(traceparent, event.traceparent());
    }

    @Test
    void anotherReplicasWriteReachesThisCacheThroughTheUpdatesTopic() throws Exception {
        String view = Fixtures.view("coh-replica", "customer_id", 0, Map.of("score", "DOUBLE"));
        // The row is written the way another replica's write lands, straight in PostgreSQL: a push
        // here would publish this replica's own update event, whose arrival (milliseconds after
        // commit) would race the reads below.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO online_row (view_name, entity_key, event_ts, feature_values, view_version, written_at)"
                        + " VALUES (?, '7', ?, '{\"score\": 1.0}', 1, now())")) {
            ps.setString(1, view);
            ps.setTimestamp(2, Timestamp.from(T1));
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(1.0f, score(view, 7));

        // What another replica's write does: the row changes in PostgreSQL, then its event follows.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE online_row SET feature_values = '{\"score\": 3.0}', event_ts = ? WHERE view_name = ?")) {
            ps.setTimestamp(1, Timestamp.from(T2));
            ps.setString(2, view);
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(1.0f, score(view, 7), "served from the cache until told otherwise");
        KafkaFixtures.send(Topics.FEATURES_UPDATES, view, EventJson.toBytes(CloudEvent.of("/mlops/feature-store",
                EventType.ONLINE_UPDATED, view, "replica-b", new OnlineUpdated(view, List.of(7L)))));
        Eventually.await("the update event to refresh the cached row", Duration.ofSeconds(10),
                () -> score(view, 7) == 3.0f);
        assertFalse(score(view, 7) == 1.0f);
    }
}
