package io.mlops.monitor.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bound on a window's categories never folds away a category the reference knows. */
class CategoricalColumnTest {

    @Test
    void pastTheBoundOnlyCategoriesTheReferenceNeverSawShareTheOtherBucket() {
        CategoricalColumn column = new CategoricalColumn("plan", 2, Set.of("basic", "pro", "max"));
        column.add("trial");
        column.add("legacy");  // the bound of 2 is reached by categories the reference lacks
        column.add("pro");
        column.add("max");
        column.add("max");
        column.add("enterprise");
        column.add("student");

        assertEquals(Map.of("trial", 1L, "legacy", 1L, "pro", 1L, "max", 2L, CategoricalColumn.OTHER, 2L),
                column.counts());
    }
}
