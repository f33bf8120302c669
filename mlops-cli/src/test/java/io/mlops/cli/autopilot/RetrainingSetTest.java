package io.mlops.cli.autopilot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainingSetTest {

    private static final Table ORIGINAL = new Table("toy", List.of(Column.numeric("age"),
            Column.categorical("plan", List.of("a", "b")), Column.categorical("class", List.of("good", "bad"))),
            List.<Object[]>of(new Object[] {30.0, "a", "good"}), "sha256:toy");

    private static LabelledRow row(String id, String arm, Map<String, Object> features, String label) {
        JsonNode json = EventJson.mapper().valueToTree(features);
        return new LabelledRow(id, 1, arm, Instant.EPOCH, json, "good", 0.3, label);
    }

    @Test
    void liveRowsFollowTheOriginalInItsColumns() {
        List<LabelledRow> rows = RetrainingSet.usable(List.of(
                row("p1", "champion", Map.of("age", 41, "plan", "b"), "bad"),
                row("p1", "shadow", Map.of("age", 41, "plan", "b"), "bad"),
                row("p2", "champion", Map.of("plan", "a"), "good"),
                row("p3", "champion", Map.of("age", 20, "plan", "a"), "maybe")), List.of("good", "bad"));

        Table table = RetrainingSet.of("toy-retraining", ORIGINAL, "class", rows);

        assertEquals(3, table.size(), "the original row, then one row per labelled request (no shadow twin, known labels only)");
        assertArrayEquals(new Object[] {30.0, "a", "good"}, table.rows().get(0));
        assertArrayEquals(new Object[] {41.0, "b", "bad"}, table.rows().get(1));
        assertArrayEquals(new Object[] {null, "a", "good"}, table.rows().get(2));
        assertNotEquals(ORIGINAL.digest(), table.digest());
        assertEquals(table.digest(), RetrainingSet.of("again", ORIGINAL, "class", rows).digest(), "same rows, same digest");
    }

    @Test
    void aRowAlreadyInTheTableIsNotAddedAgainSoNoCopyStraddlesTheSplit() {
        List<LabelledRow> rows = RetrainingSet.usable(List.of(
                row("p1", "champion", Map.of("age", 41, "plan", "b"), "bad"),
                row("p2", "champion", Map.of("age", 41, "plan", "b"), "bad"),
                row("p3", "champion", Map.of("age", 41, "plan", "b"), "good"),
                row("p4", "champion", Map.of("age", 30, "plan", "a"), "good")), List.of("good", "bad"));

        Table table = RetrainingSet.of("toy-retraining", ORIGINAL, "class", rows);

        assertEquals(3, table.size(), "the original, then p1 and p3 (p2 repeats p1, p4 the original row)");
        assertArrayEquals(new Object[] {41.0, "b", "bad"}, table.rows().get(1));
        assertArrayEquals(new Object[] {41.0, "b", "good"}, table.rows().get(2));
        assertEquals(table.digest(), RetrainingSet.of("again", ORIGINAL, "class", rows.subList(0, 3)).digest(),
                "the digest names the rows kept");
    }
}
