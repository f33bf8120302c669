package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.Topics;
import io.mlops.events.features.PushTarget;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KafkaIngestTest {

    private static boolean present(String view, long key) {
        List<String> statuses = online(List.of(view + ":score"), "customer_id", List.of(key))
                .statusCode(200).extract().path("results[1].statuses");
        return "PRESENT".equals(statuses.get(0));
    }

    private static void produce(String view, long key, double score) {
        KafkaFixtures.send(Topics.FEATURES_INGEST, view, KafkaFixtures.rowsEvent(view, PushTarget.ONLINE_AND_OFFLINE,
                List.of(row("customer_id", key, Instant.now(), "score", score))));
    }

    @Test
    void streamedRowsAreServedOnlineWithinOneSecond() {
        String view = Fixtures.view("stream", "customer_id", 0, Map.of("score", "DOUBLE"));
        produce(view, 1, 0.1);
        Eventually.await("the ingest consumer to be running", Duration.ofSeconds(90), () -> present(view, 1));

        long start = System.nanoTime();
        produce(view, 2, 0.2);
        Eventually.await("key 2 online", Duration.ofSeconds(5), () -> present(view, 2));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1_000, "streamed row took " + millis + " ms to be served");
        online(List.of(view + ":score"), "customer_id", List.of(2))
                .body("results[1].values[0]", equalTo(0.2f));
    }

    @Test
    void aCorrectionAtTheSameEventTimeWinsOverTheRowBeforeItWhateverItsTarget() {
        String view = Fixtures.view("correct", "customer_id", 0, Map.of("score", "DOUBLE"));
        produce(view, 1, 0.1);
        Eventually.await("the ingest consumer to be running", Duration.ofSeconds(90), () -> present(view, 1));
        Instant observed = Instant.now().minusSeconds(5);
        KafkaFixtures.sendAll(Topics.FEATURES_INGEST, view, List.of(
                KafkaFixtures.rowsEvent(view, PushTarget.ONLINE_AND_OFFLINE, List.of(row("customer_id", 7, observed, "score", 1.0))),
                KafkaFixtures.rowsEvent(view, PushTarget.ONLINE, List.of(row("customer_id", 7, observed, "score", 2.0))),
                KafkaFixtures.rowsEvent(view, PushTarget.ONLINE_AND_OFFLINE, List.of(row("customer_id", 8, observed, "score", 3.0)))));
        Eventually.await("key 8 online", Duration.ofSeconds(10), () -> present(view, 8));
        online(List.of(view + ":score"), "customer_id", List.of(7)).body("results[1].values[0]", equalTo(2.0f));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWhileGoodRecordsKeepFlowing() {
        String view = Fixtures.view("poison", "customer_id", 0, Map.of("score", "DOUBLE"));
        String marker = Fixtures.unique("poison");
        byte[] notJson = KafkaFixtures.utf8("{not json " + marker);
        Map<String, Object> badRow = new HashMap<>(row("customer_id", 11, Instant.now(), "score", "high"));
        byte[] wrongType = KafkaFixtures.rowsEvent(view, PushTarget.ONLINE, List.of(badRow));
        byte[] unknownView = KafkaFixtures.rowsEvent(marker, PushTarget.ONLINE,
                List.of(row("customer_id", 12, Instant.now(), "score", 1.0)));
        // A name PostgreSQL cannot even compare (it refuses NUL in text) is as unknown as any other.
        byte[] nulView = KafkaFixtures.rowsEvent(marker + "\u0000x", PushTarget.ONLINE,
                List.of(row("customer_id", 14, Instant.now(), "score", 1.0)));

        produce(view, 10, 1.0);
        KafkaFixtures.send(Topics.FEATURES_INGEST, view, notJson);
        KafkaFixtures.send(Topics.FEATURES_INGEST, view, wrongType);
        KafkaFixtures.send(Topics.FEATURES_INGEST, view, unknownView);
        KafkaFixtures.send(Topics.FEATURES_INGEST, view, nulView);
        produce(view, 13, 1.3);

        Eventually.await("the good records around the poison ones", Duration.ofSeconds(90),
                () -> present(view, 10) && present(view, 13));
        assertTrue(!present(view, 11) && !present(view, 12), "rejected rows must not be stored");

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaFixtures.read(Topics.FEATURES_INGEST_DLQ,
                r -> Arrays.equals(r.value(), notJson) || Arrays.equals(r.value(), wrongType)
                        || Arrays.equals(r.value(), unknownView) || Arrays.equals(r.value(), nulView), 4,
                Duration.ofSeconds(10));
        assertEquals(4, dead.size(), "four dead letters");
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            assertEquals(Topics.FEATURES_INGEST, KafkaFixtures.header(record, Topics.DLQ_HEADER_SOURCE_TOPIC));
            assertNotNull(KafkaFixtures.header(record, Topics.DLQ_HEADER_SOURCE_OFFSET));
            assertEquals(view, new String(record.key(), StandardCharsets.UTF_8));
        }
        ConsumerRecord<byte[], byte[]> typeError = dead.stream()
                .filter(r -> Arrays.equals(r.value(), wrongType)).findFirst().orElseThrow();
        assertArrayEquals(wrongType, typeError.value());
        String error = KafkaFixtures.header(typeError, Topics.DLQ_HEADER_ERROR);
        assertTrue(error.contains("SCHEMA_VIOLATION") && error.contains("rows[0].score"), error);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("mlops_features_dlq_total{reason=\"invalid_event\"}"), "dlq metric by reason");
        for (String client : List.of("feature-store-ingest-0", "feature-store-cache-updates")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max{")
                    && l.contains("client_id=\"" + client)), "consumer lag of " + client);
        }
        assertTrue(metrics.contains("mlops_features_rows_ingested_total{path=\"stream\",view=\"" + view + "\"}"),
                "ingested rows by view and path");
    }
}
