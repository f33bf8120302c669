package io.mlops.monitor.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.inference.PredictionRow;
import io.mlops.events.profile.FeatureProfile;
import io.mlops.events.profile.NumericProfile;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.events.registry.Task;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.DriftEvaluator;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.ReferenceReader;
import io.mlops.monitor.settings.service.ModelSettings;
import io.mlops.monitor.support.Profiles;
import io.mlops.monitor.support.TestSettings;
import io.mlops.monitor.window.Hashes;
import io.mlops.monitor.window.Window;
import io.mlops.monitor.window.WindowLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A window drawn from the reference must not drift; shifting a feature by one standard deviation
 * must drift exactly that feature; every Evidently method is chosen where Evidently chooses it.
 */
class DriftEvaluatorTest {

    private static final Map<String, Double> PLAN = linked("basic", 0.5, "plus", 0.3, "pro", 0.2);
    private static final Map<String, Double> REGION = linked("north", 0.4, "south", 0.35, "east", 0.25);
    private static final Map<String, Double> MEMBER = linked("yes", 0.3, "no", 0.7);
    private static final Map<String, Double> LABEL = linked("good", 0.7, "bad", 0.3);

    /**
     * The reference data. Windows draw categories from the reference's own shares: a goodness-of-fit test
     * (chi-squared, z) takes the reference as the truth, so windows "from the reference" means from its data.
     */
    private static final SplittableRandom REFERENCE_RANDOM = new SplittableRandom(3);
    private static final Map<String, Long> PLAN_COUNTS = counts(REFERENCE_RANDOM, PLAN, 900);
    private static final Map<String, Long> REGION_COUNTS = counts(REFERENCE_RANDOM, REGION, 5000);
    private static final Map<String, Long> MEMBER_COUNTS = counts(REFERENCE_RANDOM, MEMBER, 800);
    private static final Map<String, Long> LABEL_COUNTS = counts(REFERENCE_RANDOM, LABEL, 1000);
    private static final Map<String, Long> CHILDREN_COUNTS = counts(REFERENCE_RANDOM, linked("0", 0.5, "1", 0.3, "2", 0.2), 1000);

    private final MonitoredVersion version = version();

    @Test
    void windowsFromTheReferenceDistributionDoNotDrift() {
        // A p-value test at 0.05 flags about one window in twenty by design; the distances at 0.1 should never
        // flag 1,000 rows from the reference, and half the features never drift together.
        Map<String, Integer> flagged = new HashMap<>();
        int windows = 40;
        for (int seed = 0; seed < windows; seed++) {
            WindowResult r = evaluate(window(1000 + seed, Map.of(), 1000, 0.0), ModelSettings.NONE);
            assertFalse(r.datasetDrift(), "dataset drift without any shift in window " + seed);
            assertEquals(1000, r.window().size());
            for (ColumnDrift c : r.features()) {
                assertEquals(ColumnDrift.TESTED, c.status(), c.feature());
                flagged.merge(c.feature(), c.drifted() ? 1 : 0, Integer::sum);
            }
            r.prediction().values().forEach(c -> flagged.merge(c.feature(), c.drifted() ? 1 : 0, Integer::sum));
        }
        assertEquals(0, flagged.get("age"), "Wasserstein flagged the reference distribution");
        assertEquals(0, flagged.get("region"), "Jensen-Shannon flagged the reference distribution");
        flagged.forEach((feature, n) -> assertTrue(n <= windows * 0.15,
                feature + " drifted in " + n + " of " + windows + " windows; a 5 % test should stay near 2"));
    }

    @Test
    void evidentlysMethodChoiceByReferenceSizeAndCardinality() {
        WindowResult r = evaluate(window(102, Map.of(), 1000, 0.0), ModelSettings.NONE);
        assertEquals("ks", column(r, "income").method());
        assertEquals("sample", column(r, "income").reference());
        assertTrue(column(r, "income").exact());
        assertEquals("wasserstein", column(r, "age").method());
        assertEquals("kll", column(r, "age").reference());
        assertEquals("chisquare", column(r, "plan").method());
        assertEquals("jensenshannon", column(r, "region").method());
        assertEquals("z", column(r, "member").method());
        assertEquals("chisquare", column(r, "children").method(), "three distinct numeric values test as categories");
        assertEquals("ks", r.prediction().get("score").method());
        assertEquals("z", r.prediction().get("predictedLabel").method());
    }

    @Test
    void aOneStdShiftDriftsExactlyTheShiftedFeatures() {
        WindowResult r = evaluate(window(103, Map.of("income", 1.0, "age", 1.0), 1000, 0.0), ModelSettings.NONE);
        assertEquals(List.of("income", "age"), r.driftedFeatures());
        assertTrue(column(r, "income").pValue() < 1e-10);
        assertTrue(column(r, "age").score() > 0.8, "Wasserstein of a 1-std shift is about 1 std: " + column(r, "age"));
        assertTrue(column(r, "age").psi() > 0.1);
        assertEquals(2.0 / 6, r.driftedShare(), 1e-12);
        assertFalse(r.datasetDrift());

        WindowResult half = evaluate(window(104, Map.of("income", 1.0, "age", 1.0, "children", 1.0), 1000, 0.0),
                ModelSettings.NONE);
        assertEquals(0.5, half.driftedShare(), 1e-12);
        assertTrue(half.datasetDrift(), "half of the features drifting is dataset drift (share >= 0.5)");
    }

    @Test
    void missingValuesAreReportedAsMissingRateNotDrift() {
        WindowResult r = evaluate(window(105, Map.of(), 1000, 0.3), ModelSettings.NONE);
        ColumnDrift income = column(r, "income");
        assertEquals(0.3, income.missingRate(), 0.04);
        assertFalse(income.drifted());
        assertEquals(income.count(), Math.round(1000 * (1 - income.missingRate())));
    }

    @Test
    void dataQualityCountsOutOfRangeValuesAndNewCategories() {
        Window w = window(106, Map.of(), 200, 0.0);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> f = new HashMap<>(row(new SplittableRandom(i), Map.of(), 0.0));
            f.put("income", 1e6);
            f.put("plan", "enterprise");
            f.put("surprise", 1);
            add(w, "extra-" + i, f);
        }
        WindowResult r = evaluate(w, ModelSettings.NONE);
        // 20 planted values, plus the odd normal draw beyond the 1,000-value reference range.
        assertEquals(20.0 / 220, column(r, "income").outOfRangeRate(), 0.02);
        assertEquals(20.0 / 220, column(r, "plan").newCategoryRate(), 1e-12);
        assertEquals(List.of("enterprise"), column(r, "plan").newCategories());
        assertTrue(column(r, "plan").drifted(), "a category the reference never saw makes chi-squared infinite");
        assertEquals(List.of("surprise"), r.unexpectedFeatures());
    }

    @Test
    void settingsOverrideMethodThresholdAndTheSmallWindowRule() {
        ModelSettings psi = new ModelSettings(null, null, null, null, null, null, null, null,
                Map.of("income", new ModelSettings.ColumnSettings("psi", 0.2, null, null),
                        "region", new ModelSettings.ColumnSettings(null, null, false, null)), null);
        WindowResult r = evaluate(window(107, Map.of(), 1000, 0.0), psi);
        assertEquals("psi", column(r, "income").method());
        assertEquals(0.2, column(r, "income").threshold());
        assertEquals(column(r, "income").psi(), column(r, "income").score());
        assertEquals(ColumnDrift.DISABLED, column(r, "region").status());
        assertNull(column(r, "region").drifted());

        WindowResult tiny = evaluate(window(108, Map.of("income", 3.0), 10, 0.0), ModelSettings.NONE);
        assertEquals(ColumnDrift.INSUFFICIENT_DATA, column(tiny, "income").status());
        assertFalse(tiny.datasetDrift());
    }

    @Test
    void withoutAProfileOnlyQualityIsMeasured() {
        MonitoredVersion bare = new MonitoredVersion("churn", 2, Task.BINARY_CLASSIFICATION, List.of("bad", "good"),
                "bad", Map.of(), Optional.empty(), "no reference profile");
        Window w = new Window(bare, 1, new WindowLimits(1000, 400, 1000), null);
        for (int i = 0; i < 100; i++) {
            w.observeEvent(Instant.EPOCH.plusSeconds(i), 3.0, 0, i);
            Map<String, Object> f = new HashMap<>();
            f.put("a", 1.0);
            if (i % 4 != 0) {
                f.put("b", "x");
            }
            w.add(new PredictionRow(f, null, "good", 0.4, null), Hashes.row(i, 0));
        }
        WindowResult r = DriftEvaluator.evaluate(w, TestSettings.defaults(), "size", Instant.EPOCH);
        assertEquals(WindowResult.QUALITY_ONLY, r.monitoring());
        assertEquals(Map.of("a", 0.0, "b", 0.25), r.missingRates());
        assertEquals(3.0, r.latency().p99());
        assertTrue(r.features().isEmpty());
    }

    // ---- fixtures

    private WindowResult evaluate(Window w, ModelSettings settings) {
        return DriftEvaluator.evaluate(w, TestSettings.with(settings), "size", Instant.EPOCH);
    }

    @Test
    void aReferenceWithFewValuesIsBinnedByValueHoweverManyTheWindowHas() {
        // Evidently's get_binned_data bins by value when the reference has at most 20 distinct values,
        // over the values of both sides. Reference: 2,000 rows over 1..20; window: 66 or 33 rows of
        // each, and 10 of a new value 21. Evidently (numpy/scipy): PSI 0.16065 (empty bins filled),
        // Jensen-Shannon 0.13329 (not filled). The window has 21 distinct values, which used to switch
        // to 13 Sturges bins (PSI 0.029).
        double[] reference = new double[2000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = 1 + i / 100;
        }
        double[] window = new double[1000];
        int n = 0;
        for (int v = 1; v <= 21; v++) {
            int rows = v == 21 ? 10 : v % 2 == 1 ? 66 : 33;
            for (int i = 0; i < rows; i++) {
                window[n++] = v;
            }
        }
        Window w = oneFeatureWindow("level", reference, window);
        ModelSettings js = new ModelSettings(null, null, null, null, null, null, null, null,
                Map.of("level", new ModelSettings.ColumnSettings("jensenshannon", null, null, null)), null);

        ColumnDrift level = column(evaluate(w, js), "level");

        assertEquals(1000, n);
        assertEquals(0.16064988817049003, level.psi(), 1e-9);
        assertEquals(0.1332941585645387, level.score(), 1e-9);
        assertTrue(level.drifted());
    }

    @Test
    void wassersteinIsDividedByTheReferencesPopulationDeviationAsEvidently() {
        // Evidently: wasserstein_distance(ref, cur) / np.std(ref). Reference 1..40 (np.std 11.5434, the
        // sample std 11.6905); the window is the reference moved by 3, so W1 = 3: 0.25989.
        double[] reference = new double[40];
        double[] window = new double[40];
        for (int i = 0; i < 40; i++) {
            reference[i] = i + 1;
            window[i] = i + 4;
        }
        ModelSettings wasserstein = new ModelSettings(null, null, null, null, null, null, null, null,
                Map.of("x", new ModelSettings.ColumnSettings("wasserstein", null, null, null)), null);

        ColumnDrift x = column(evaluate(oneFeatureWindow("x", reference, window), wasserstein), "x");

        assertEquals(3 / 11.543396380615196, x.score(), 1e-9);
    }

    @Test
    void percentilesOfFewValuesAreNotReadAsCategoriesTheirInterpolationInvents() {
        // np.percentile of 700 zeros and 300 ones puts 0.3 at the 70th percentile. Read by value it would be a
        // third category (shares 70/101, 1/101, 30/101), and chi-squared would flag a window identical to the
        // data (p 0.0064); Evidently, on the data, runs a z-test with p = 1.
        double[] data = new double[1000];
        for (int i = 700; i < 1000; i++) {
            data[i] = 1;
        }
        NumericProfile full = Profiles.numericExact(data);
        NumericProfile quantilesOnly = new NumericProfile(full.count(), 0, full.mean(), full.std(), 0, 1,
                full.quantiles(), null, null);
        assertEquals(0.3, quantilesOnly.quantiles().get(70), 1e-12);

        ColumnDrift c = column(evaluate(oneFeatureWindow("flag", quantilesOnly, data), ModelSettings.NONE), "flag");

        assertEquals(ColumnDrift.TESTED, c.status());
        assertFalse(c.drifted(), c.method() + " " + c.score());
    }

    @Test
    void aProfileThatContradictsItselfLeavesItsColumnUntestedNotTheStreamStopped() {
        // A count of 1 beside a sample of three values: scaled to counts, every category rounds to 0 and
        // chi-squared has nothing to compare; a test that threw here would stop the stream, which replays
        // the window that threw.
        NumericProfile broken = new NumericProfile(1, 0, 2, 1, 1, 3, null, null, List.of(1.0, 2.0, 3.0));
        double[] window = new double[30];
        for (int i = 0; i < window.length; i++) {
            window[i] = 1 + i % 3;
        }

        ColumnDrift c = column(evaluate(oneFeatureWindow("odd", broken, window), ModelSettings.NONE), "odd");

        assertEquals(ColumnDrift.NO_REFERENCE, c.status());
        assertNull(c.drifted());
    }

    /** A window of one numeric feature against a reference of exactly {@code reference}. */
    private static Window oneFeatureWindow(String feature, double[] reference, double[] values) {
        return oneFeatureWindow(feature, Profiles.numericExact(reference), values);
    }

    private static Window oneFeatureWindow(String feature, NumericProfile reference, double[] values) {
        Map<String, FeatureProfile> features = Map.of(feature, reference);
        MonitoredVersion version = new MonitoredVersion("one-" + feature, 1, Task.BINARY_CLASSIFICATION,
                List.of("bad", "good"), "bad", Map.of(),
                Optional.of(ReferenceReader.read(new ReferenceProfile(features, null, null))), null);
        Window w = new Window(version, 1, new WindowLimits(1000, 400, 1000), null);
        for (int i = 0; i < values.length; i++) {
            long h = Hashes.event(feature + "-" + i, 0);
            w.firstSighting(h);
            w.observeEvent(Instant.EPOCH, 5.0, 0, 0);
            w.add(new PredictionRow(Map.of(feature, values[i]), null, "good", 0.3, null), Hashes.row(h, 0));
        }
        return w;
    }

    private static ColumnDrift column(WindowResult r, String name) {
        return r.features().stream().filter(c -> c.feature().equals(name)).findFirst().orElseThrow();
    }

    private Window window(long seed, Map<String, Double> shifts, int rows, double missingShare) {
        Window w = new Window(version, 1, new WindowLimits(1000, 400, 1000), null);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            add(w, seed + "-" + i, row(random, shifts, missingShare));
        }
        return w;
    }

    private static void add(Window w, String id, Map<String, Object> features) {
        long h = Hashes.event(id, 0);
        w.firstSighting(h);
        w.observeEvent(Instant.EPOCH, 5.0, 0, 0);
        SplittableRandom r = new SplittableRandom(h);
        double score = Math.min(1, Math.max(0, 0.3 + 0.1 * Profiles.gaussian(r)));
        w.add(new PredictionRow(features, null, Profiles.draw(r, shares(LABEL_COUNTS)), score, null), Hashes.row(h, 0));
    }

    private static Map<String, Object> row(SplittableRandom random, Map<String, Double> shifts, double missingShare) {
        Map<String, Object> f = new HashMap<>();
        if (random.nextDouble() >= missingShare) {
            f.put("income", 50.0 + 10 * (Profiles.gaussian(random) + shifts.getOrDefault("income", 0.0)));
        }
        f.put("age", 40.0 + 12 * (Profiles.gaussian(random) + shifts.getOrDefault("age", 0.0)));
        f.put("plan", Profiles.draw(random, shares(PLAN_COUNTS)));
        f.put("region", Profiles.draw(random, shares(REGION_COUNTS)));
        f.put("member", Profiles.draw(random, shares(MEMBER_COUNTS)));
        long children = Long.parseLong(Profiles.draw(random, shares(CHILDREN_COUNTS)));
        if (shifts.containsKey("children")) {
            double c = random.nextDouble();
            children = c < 0.2 ? 0 : c < 0.5 ? 1 : 2;
        }
        f.put("children", children);
        return f;
    }

    private static MonitoredVersion version() {
        Map<String, FeatureProfile> features = new LinkedHashMap<>();
        features.put("income", Profiles.numeric(Profiles.normal(1, 1000, 50, 10), true, true));
        features.put("age", Profiles.numeric(Profiles.normal(2, 20_000, 40, 12), true, true));
        features.put("plan", Profiles.categorical(PLAN_COUNTS));
        features.put("region", Profiles.categorical(REGION_COUNTS));
        features.put("member", Profiles.categorical(MEMBER_COUNTS));
        double[] children = CHILDREN_COUNTS.entrySet().stream()
                .flatMapToDouble(e -> java.util.stream.DoubleStream.generate(() -> Double.parseDouble(e.getKey()))
                        .limit(e.getValue()))
                .toArray();
        features.put("children", Profiles.numeric(children, true, true));
        SplittableRandom random = new SplittableRandom(4);
        double[] scores = new double[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.min(1, Math.max(0, 0.3 + 0.1 * Profiles.gaussian(random)));
        }
        ReferenceProfile profile = new ReferenceProfile(features, Profiles.numeric(scores, true, true),
                Profiles.categorical(LABEL_COUNTS));
        return new MonitoredVersion("churn", 1, Task.BINARY_CLASSIFICATION, List.of("bad", "good"), "bad", Map.of(),
                Optional.of(ReferenceReader.read(profile)), null);
    }

    private static Map<String, Double> shares(Map<String, Long> counts) {
        double total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v / total));
        return out;
    }

    private static Map<String, Long> counts(SplittableRandom random, Map<String, Double> shares, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        shares.keySet().forEach(k -> out.put(k, 0L));
        for (int i = 0; i < n; i++) {
            out.merge(Profiles.draw(random, shares), 1L, Long::sum);
        }
        return out;
    }

    private static Map<String, Double> linked(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }
}
