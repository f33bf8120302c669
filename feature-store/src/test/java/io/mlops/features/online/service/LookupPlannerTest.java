package io.mlops.features.online.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlops.common.error.PlatformException;
import io.mlops.features.entity.service.KeyType;
import io.mlops.features.view.service.FeatureSpec;
import io.mlops.features.view.service.JoinKey;
import io.mlops.features.view.service.ResolvedFeature;
import io.mlops.features.view.service.ValueType;
import io.mlops.features.view.service.ViewSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupPlannerTest {

    private static ViewSchema view(String name, String... features) {
        return new ViewSchema(name, 1, List.of(new JoinKey("customer", "customer_id", KeyType.INT64)),
                java.util.Arrays.stream(features).map(f -> new FeatureSpec(f, ValueType.DOUBLE)).toList(), 0, null,
                Map.of(), Instant.EPOCH, "test");
    }

    @Test
    void groupsFeaturesByViewAndKeepsTheRequestedColumnOrder() {
        ViewSchema a = view("a", "x", "y");
        ViewSchema b = view("b", "z");
        LookupPlan plan = LookupPlanner.build(List.of(
                new ResolvedFeature("a:x", a, a.feature("x")),
                new ResolvedFeature("b:z", b, b.feature("z")),
                new ResolvedFeature("a:y", a, a.feature("y"))), false);
        assertEquals(List.of("customer_id", "x", "z", "y"), plan.outputNames());
        assertEquals(2, plan.groups().length);
        assertArrayEquals(new int[] {0, 2}, plan.groups()[0].columns());
        assertArrayEquals(new int[] {1}, plan.groups()[1].columns());
    }

    @Test
    void collidingNamesNeedFullFeatureNames() {
        ViewSchema a = view("a", "score");
        ViewSchema b = view("b", "score");
        List<ResolvedFeature> both = List.of(new ResolvedFeature("a:score", a, a.feature("score")),
                new ResolvedFeature("b:score", b, b.feature("score")));
        assertThrows(PlatformException.class, () -> LookupPlanner.build(both, false));
        assertEquals(List.of("customer_id", "a__score", "b__score"), LookupPlanner.build(both, true).outputNames());
    }
}
