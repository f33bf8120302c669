package io.mlops.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryLabelsTest {

    @Test
    void twoLabelsWithThePositiveOneAreCounted() {
        assertEquals(Map.of("bad", 1, "good", 2), BinaryLabels.require(table("good", "bad", "good"), "class", "bad"));
    }

    @Test
    void threeLabelsOneLabelOrAMissingPositiveAreRefusedBeforeTraining() {
        var three = assertThrows(IllegalArgumentException.class,
                () -> BinaryLabels.require(table("a", "b", "c"), "class", "a"));
        assertTrue(three.getMessage().contains("exactly two values") && three.getMessage().contains("found 3"), three.getMessage());

        var one = assertThrows(IllegalArgumentException.class,
                () -> BinaryLabels.require(table("good", "good"), "class", "good"));
        assertTrue(one.getMessage().contains("found 1"), one.getMessage());

        var positive = assertThrows(IllegalArgumentException.class,
                () -> BinaryLabels.require(table("good", "bad"), "class", "yes"));
        assertTrue(positive.getMessage().contains("'yes'"), positive.getMessage());

        var missing = assertThrows(IllegalArgumentException.class,
                () -> BinaryLabels.require(table("good", null, "bad"), "class", "bad"));
        assertTrue(missing.getMessage().contains("1 rows have no value"), missing.getMessage());
    }

    @Test
    void trainingRefusesAThreeClassTable() {
        var error = assertThrows(IllegalArgumentException.class, () -> LogisticRegressionTraining.train(
                table("a", "b", "c", "a", "b", "c"), new TrainingConfig("class", "a", 1L, 0.3, 2, 0.1)));
        assertTrue(error.getMessage().contains("exactly two values"), error.getMessage());
    }

    private static Table table(String... labels) {
        List<Object[]> rows = new ArrayList<>();
        for (String label : labels) {
            rows.add(new Object[] {1.0, label});
        }
        return new Table("t", List.of(Column.numeric("x"), Column.categorical("class", List.of("a", "b", "c", "good", "bad"))),
                rows, "sha256:test");
    }
}
