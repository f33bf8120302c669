package io.mlops.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftSpecTest {

    @Test
    void parsesShiftsScalesAndCategories() {
        List<DriftSpec> specs = DriftSpec.parseAll("age=+1.5std, credit_amount=*2,purpose=education,duration=-0.5std");

        assertEquals(new DriftSpec("age", DriftSpec.Kind.SHIFT_STD, 1.5, null), specs.get(0));
        assertEquals(new DriftSpec("credit_amount", DriftSpec.Kind.SCALE, 2, null), specs.get(1));
        assertEquals(new DriftSpec("purpose", DriftSpec.Kind.SET_CATEGORY, 0, "education"), specs.get(2));
        assertEquals(-0.5, specs.get(3).amount());
        assertEquals(40.0, (Double) specs.get(0).apply(25.0, 10.0), 1e-12);
        assertEquals(3000.0, (Double) specs.get(1).apply(1500.0, 0), 1e-12);
        assertEquals("education", specs.get(2).apply("radio/tv", 0));
    }

    @Test
    void rejectsSpecsThatDoNotFitTheirColumn() {
        Table credit = Datasets.load("credit-g");
        var e = assertThrows(IllegalArgumentException.class, () -> DriftSpec.parse("purpose=+1std").validate(credit));
        assertTrue(e.getMessage().contains("purpose is categorical"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DriftSpec.parse("age=old").validate(credit));
        assertThrows(IllegalArgumentException.class, () -> DriftSpec.parse("age"));
        assertThrows(IllegalArgumentException.class, () -> DriftSpec.parse("nosuch=+1std").validate(credit));
    }

    @Test
    void ratesAndDurations() {
        assertEquals(200, TrafficPlan.parseRate("200/s"));
        assertEquals(200, TrafficPlan.parseRate("12000/m"));
        assertEquals(50, TrafficPlan.parseRate("50"));
        assertThrows(IllegalArgumentException.class, () -> TrafficPlan.parseRate("0/s"));
        assertEquals(Duration.ofSeconds(90), TrafficPlan.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(2), TrafficPlan.parseDuration("2m"));
        assertEquals(Duration.ofMillis(1500), TrafficPlan.parseDuration("1.5"));
        assertEquals(Duration.ofMillis(250), TrafficPlan.parseDuration("250ms"));
        for (String bad : List.of("2d", "90sec", "1w", "-5s", "fast", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrafficPlan.parseDuration(bad),
                    bad + " must be refused, not read as seconds");
            assertTrue(e.getMessage().contains("not a duration"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TrafficPlan.parseRate("200/sec"));
    }
}
