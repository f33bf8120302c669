package io.mlops.features.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.features.config.IngestConfig;
import io.mlops.features.entity.service.KeyType;
import io.mlops.features.view.service.FeatureSpec;
import io.mlops.features.view.service.JoinKey;
import io.mlops.features.view.service.ValueType;
import io.mlops.features.view.service.ViewSchema;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValidatorTest {

    private static final ViewSchema VIEW = new ViewSchema("v", 3, List.of(new JoinKey("customer", "customer_id", KeyType.INT64)),
            List.of(new FeatureSpec("n", ValueType.INT64), new FeatureSpec("x", ValueType.DOUBLE),
                    new FeatureSpec("s", ValueType.STRING), new FeatureSpec("b", ValueType.BOOL)),
            0, null, Map.of(), Instant.EPOCH, "test");

    private final RowValidator validator = new RowValidator(new IngestConfig() {
        @Override
        public int maxRowsPerBatch() {
            return 3;
        }

        @Override
        public Duration maxFutureSkew() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Consumer consumer() {
            return null;
        }
    });

    private static Map<String, Object> row(Object key, String ts, Object n, Object x, Object s, Object b) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", key);
        row.put("event_timestamp", ts);
        row.put("n", n);
        row.put("x", x);
        row.put("s", s);
        row.put("b", b);
        return row;
    }

    private List<FieldError> errors(Map<String, Object> row) {
        return assertThrows(PlatformException.class, () -> validator.validate(VIEW, List.of(row))).errors();
    }

    @Test
    void normalizesValuesAndTruncatesTimesToMicroseconds() {
        ValidatedRow row = validator.validate(VIEW, List.of(row(7, "2024-05-01T14:00:00.123456789+02:00", 3, 2, "a", true)))
                .get(0);
        assertEquals("7", row.entityKey());
        assertEquals(Instant.parse("2024-05-01T12:00:00.123456Z"), row.eventTs());
        assertEquals("{\"n\":3,\"x\":2.0,\"s\":\"a\",\"b\":true}", row.valuesJson());
    }

    @Test
    void nullsAreValuesButAbsentColumnsAreNot() {
        assertEquals("{\"n\":null,\"x\":null,\"s\":null,\"b\":null}",
                validator.validate(VIEW, List.of(row(1, "2024-01-01T00:00:00Z", null, null, null, null))).get(0).valuesJson());
        Map<String, Object> missing = row(1, "2024-01-01T00:00:00Z", 1, 1.0, "a", true);
        missing.remove("b");
        assertEquals("rows[0].b", errors(missing).get(0).field());
    }

    @Test
    void eachTypeRejectsTheOthers() {
        List<FieldError> errors = errors(row(1, "2024-01-01T00:00:00Z", 1.5, "1.0", 3, "true"));
        assertEquals(List.of("rows[0].n", "rows[0].x", "rows[0].s", "rows[0].b"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(1).message().startsWith("expected DOUBLE, got a string"), errors.get(1).message());
        assertEquals("rows[0].n", errors(row(1, "2024-01-01T00:00:00Z", new BigInteger("99999999999999999999"), 1.0,
                "a", true)).get(0).field());
    }

    @Test
    void keysAndTimesAreChecked() {
        assertEquals("rows[0].customer_id", errors(row("1", "2024-01-01T00:00:00Z", 1, 1.0, "a", true)).get(0).field());
        assertEquals("rows[0].event_timestamp", errors(row(1, "yesterday", 1, 1.0, "a", true)).get(0).field());
        assertEquals("rows[0].event_timestamp", errors(row(1, "0000-06-01T00:00:00Z", 1, 1.0, "a", true)).get(0).field());
        assertTrue(errors(row(1, "+10000-01-01T00:00:00Z", 1, 1.0, "a", true)).get(0).message().contains("after year 9999"));
        assertEquals("rows[0].s", errors(row(1, "2024-01-01T00:00:00Z", 1, 1.0, "s".repeat(65_537), true)).get(0).field());
        assertEquals(1, validator.validate(VIEW, List.of(row(1, "2024-01-01T00:00:00Z", 1, 1.0, "s".repeat(65_536), true)))
                .size());
        // Half a surrogate pair would be stored as "?": refused. A whole pair (an emoji) is text.
        assertTrue(errors(row(1, "2024-01-01T00:00:00Z", 1, 1.0, "x\ud800y", true)).get(0).message().contains("surrogate"));
        assertEquals(1, validator.validate(VIEW, List.of(row(1, "2024-01-01T00:00:00Z", 1, 1.0, "x\ud83d\ude00y", true)))
                .size());
        String future = Instant.now().plus(Duration.ofHours(1)).toString();
        assertTrue(errors(row(1, future, 1, 1.0, "a", true)).get(0).message().contains("future"));
        String nearFuture = Instant.now().plus(Duration.ofMinutes(1)).toString();
        assertEquals(1, validator.validate(VIEW, List.of(row(1, nearFuture, 1, 1.0, "a", true))).size());
    }

    @Test
    void unknownColumnsAreUnknownFeatureAndEverythingIsListed() {
        Map<String, Object> bad = new HashMap<>(row(1, "2024-01-01T00:00:00Z", 1, 1.0, "a", true));
        bad.put("extra", 1);
        PlatformException e = assertThrows(PlatformException.class,
                () -> validator.validate(VIEW, List.of(row(1, "2024-01-01T00:00:00Z", "x", 1.0, "a", true), bad)));
        assertEquals(ErrorCode.UNKNOWN_FEATURE, e.code());
        assertTrue(e.getMessage().contains("'extra'"));
        assertEquals(List.of("rows[0].n", "rows[1].extra"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void batchesOverTheLimitAreTooLarge() {
        Map<String, Object> row = row(1, "2024-01-01T00:00:00Z", 1, 1.0, "a", true);
        PlatformException e = assertThrows(PlatformException.class,
                () -> validator.validate(VIEW, List.of(row, row, row, row)));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
    }
}
