package io.mlops.monitor.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.monitor.labels.repository.LabelRepository;
import io.mlops.monitor.labels.service.PendingPrediction;
import io.mlops.monitor.support.RegistryStandInResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pending predictions go into PostgreSQL through the binary COPY format, built by hand: every
 * column must come back exactly as it went in, through the real database.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PendingPredictionStoreTest {

    @Inject
    LabelRepository repository;

    @Test
    void everyColumnRoundTripsThroughBinaryCopy() {
        String prefix = "pending-store-" + UUID.randomUUID() + "-";
        byte[] packed = {1, 2, 0, (byte) 0xFF, '\\', '\t', '\n', 0x7F};
        List<PendingPrediction> rows = List.of(
                // Text that the text format would have to escape, non-ASCII text, microsecond time.
                PendingPrediction.of(prefix + "a", "champion", "model\twith\\tab", 7,
                        Instant.parse("2026-12-03T10:15:30.123456Z"), "schlecht \u00e9\u6f22\ud83d\ude00\nline", 0.125,
                        "[0.875,0.125]", packed),
                // Nulls in every nullable column; a time before PostgreSQL's epoch; extreme numbers.
                PendingPrediction.of(prefix + "b", "shadow", "m", Integer.MAX_VALUE,
                        Instant.parse("1969-07-20T20:17:40.000001Z"), null, null, null, null),
                PendingPrediction.of(prefix + "c", "challenger", "m", 1, Instant.parse("2000-01-01T00:00:00Z"), "", -0.0,
                        "[]", new byte[0]),
                PendingPrediction.of(prefix + "d", "champion", "m", 2, Instant.parse("2026-01-01T00:00:00.000000999Z"),
                        "x", Double.MAX_VALUE, null, "{\"f\":1}".getBytes(StandardCharsets.UTF_8)),
                PendingPrediction.of(prefix + "e", "champion", "m", 3, Instant.parse("2026-01-01T00:00:00.0000005Z"),
                        "y", Double.MIN_VALUE, null, packed));

        QuarkusTransaction.requiringNew().run(() -> repository.copyPending(rows));

        List<PendingPrediction> read = repository.findPending(rows.stream().map(PendingPrediction::predictionId).toList())
                .stream().sorted(Comparator.comparing(PendingPrediction::predictionId)).toList();
        assertEquals(rows.size(), read.size());
        for (int i = 0; i < rows.size(); i++) {
            PendingPrediction sent = rows.get(i);
            PendingPrediction got = read.get(i);
            assertEquals(sent.predictionId(), got.predictionId());
            assertEquals(sent.arm(), got.arm());
            assertEquals(sent.model(), got.model());
            assertEquals(sent.version(), got.version());
            // PostgreSQL keeps microseconds: the nanoseconds below them are rounded, as the JDBC driver does.
            assertEquals(roundedToMicros(sent.predictedAt()), got.predictedAt(), sent.predictionId());
            assertEquals(sent.predictedLabel(), got.predictedLabel());
            assertEquals(sent.score(), got.score());
            assertEquals(sent.probabilitiesJson(), got.probabilitiesJson());
            if (sent.features() == null) {
                assertNull(got.features());
            } else {
                assertArrayEquals(sent.features(), got.features());
            }
        }
        // -0.0 is stored as itself (equals() on Double tells it from 0.0).
        assertEquals(Double.valueOf(-0.0), read.get(2).score());
        assertEquals(Instant.parse("2026-01-01T00:00:00.000001Z"), read.get(3).predictedAt(), "999 ns round up");
        assertEquals(Instant.parse("2026-01-01T00:00:00.000001Z"), read.get(4).predictedAt(), "a half rounds up");
    }

    private static Instant roundedToMicros(Instant t) {
        long nanos = t.getNano() % 1_000;
        return t.minusNanos(nanos).plusNanos(nanos >= 500 ? 1_000 : 0);
    }
}
