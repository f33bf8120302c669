package io.mlops.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericStatsTest {

    @Test
    void aConstantColumnOfLargeNonIntegersIsRecognisedAsConstant() {
        // The one-pass sum of squares gave these a std of about 1e-4, and a value 1 away from the
        // constant was standardised to some 10^4.
        NumericStats stats = NumericStats.fit(table(800, i -> 739.643));

        assertEquals(1.0, stats.std("x"), "a constant column is left unscaled");
        assertEquals(0.0, stats.standardise("x", 739.643), 1e-9);
        assertEquals(1.0, stats.standardise("x", 740.643), 1e-9);
    }

    @Test
    void aColumnWithSpreadGetsItsSampleStandardDeviation() {
        NumericStats stats = NumericStats.fit(table(4, i -> 1e9 + i)); // 1e9, 1e9+1, 1e9+2, 1e9+3

        assertEquals(1e9 + 1.5, stats.mean("x"), 1e-6);
        assertEquals(Math.sqrt(5.0 / 3.0), stats.std("x"), 1e-9);
    }

    private static Table table(int rows, java.util.function.IntToDoubleFunction value) {
        List<Object[]> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(new Object[] {value.applyAsDouble(i)});
        }
        return new Table("t", List.of(Column.numeric("x")), data, "sha256:test");
    }
}
