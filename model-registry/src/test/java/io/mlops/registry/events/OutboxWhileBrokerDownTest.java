package io.mlops.registry.events;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.createModel;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventType;
import io.mlops.events.registry.AliasSet;
import io.mlops.infra.testing.OwnBrokerResource;
import io.mlops.infra.testing.contract.BrokerOutageReadinessTest;
import io.mlops.registry.support.OnnxModels;
import io.mlops.registry.support.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changes committed while Kafka is down are published, all of them and in commit order, once it is
 * back: the outbox makes the event part of the change, not a best-effort side effect. Readiness
 * follows the broker too (inherited test).
 */
@QuarkusTest
@WithTestResource(value = OwnBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OutboxWhileBrokerDownTest extends BrokerOutageReadinessTest {

    @Inject
    DataSource dataSource;

    @Test
    void fiftyChangesMadeWhileTheBrokerIsDownArriveInOrderAfterItReturns() throws SQLException {
        String model = unique("outage");
        broker.stop();
        assertFalse(broker.isRunning());

        List<String> expected = new ArrayList<>();
        createModel(model);
        expected.add(EventType.MODEL_CREATED.type());
        for (int i = 0; i < 2; i++) {
            upload(model, OnnxModels.logisticRegression(3, 2), binaryMetadata(3)).statusCode(201);
            expected.add(EventType.MODEL_VERSION_CREATED.type());
        }
        List<Integer> aliasTargets = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            int version = 1 + i % 2;
            given().contentType(ContentType.JSON).body(Map.of("version", version))
                    .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
            expected.add(EventType.ALIAS_SET.type());
            aliasTargets.add(version);
        }
        assertEquals(50, unsent(model), "every committed change waits in the outbox while Kafka is down");

        broker.restart();

        List<CloudEvent<?>> events = TopicReader.eventsOf(model, 50, Duration.ofSeconds(90));
        assertEquals(expected, events.stream().map(CloudEvent::type).toList());
        List<Integer> published = events.stream().filter(e -> e.data() instanceof AliasSet)
                .map(e -> ((AliasSet) e.data()).version()).toList();
        assertEquals(aliasTargets, published);
        assertEquals(50, events.stream().map(CloudEvent::id).distinct().count(), "no duplicates after the outage");
        await().atMost(Duration.ofSeconds(10)).until(() -> unsent(model) == 0);
    }

    private long unsent(String model) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE event_key = ? AND sent_at IS NULL")) {
            ps.setString(1, model);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
