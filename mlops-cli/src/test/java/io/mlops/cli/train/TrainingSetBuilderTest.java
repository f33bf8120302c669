package io.mlops.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSetBuilderTest {

    private static final Table SOURCE = new Table("toy", List.of(Column.numeric("age"),
            Column.categorical("plan", List.of("a", "b")), Column.categorical("class", List.of("good", "bad"))),
            List.<Object[]>of(new Object[] {30.0, "a", "good"}, new Object[] {40.0, "b", "bad"}), "sha256:toy");

    private static JsonNode answer(Map<String, Object> first, Map<String, Object> second) {
        return EventJson.mapper().valueToTree(Map.of("rows", List.of(first, second)));
    }

    private static Map<String, Object> row(long key, Object age, Object plan) {
        Map<String, Object> row = new HashMap<>();
        row.put("applicant_id", key);
        row.put("toy-view__age", age);
        row.put("toy-view__plan", plan);
        return row;
    }

    @Test
    void takesFeaturesFromTheStoreAndLabelsFromTheDataSet() {
        Table table = TrainingSetBuilder.fromHistorical(SOURCE, "class", "toy-view", "applicant_id",
                answer(row(EntityKeys.of(0), 31.0, "b"), row(EntityKeys.of(1), null, "a")));

        assertEquals(2, table.size());
        assertArrayEquals(new Object[] {31.0, "b", "good"}, table.rows().get(0));
        assertArrayEquals(new Object[] {null, "a", "bad"}, table.rows().get(1), "one missing value is data");
    }

    @Test
    void anEntityTheJoinFoundNothingForIsAnErrorNotARowOfMissingValues() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainingSetBuilder.fromHistorical(
                SOURCE, "class", "toy-view", "applicant_id",
                answer(row(EntityKeys.of(0), 31.0, "b"), row(EntityKeys.of(1), null, null))));
        assertTrue(e.getMessage().contains("no features of entity " + EntityKeys.of(1)), e.getMessage());
    }
}
