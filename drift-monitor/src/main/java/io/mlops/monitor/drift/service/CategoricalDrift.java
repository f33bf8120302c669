package io.mlops.monitor.drift.service;

import io.mlops.monitor.reference.service.CategoricalReference;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.stats.StatTest;
import io.mlops.monitor.window.CategoricalColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tests one categorical column of a window against the reference counts. Counts are exact on both
 * sides, so every test here is exact. Method choice follows Evidently: up to
 * {@code smallReferenceRows} reference values chi-squared (z for two categories), beyond it
 * Jensen-Shannon.
 */
final class CategoricalDrift {

    private static final int MAX_LISTED = 10;

    private CategoricalDrift() {
    }

    static ColumnDrift test(CategoricalColumn column, CategoricalReference ref, long windowRows, EffectiveSettings settings) {
        String name = column.name();
        Map<String, Long> counts = column.counts();
        double missingRate = NumericDrift.rate(column.missing() + column.mistyped(), windowRows);
        Double mistypedRate = column.mistyped() == 0 ? null : NumericDrift.rate(column.mistyped(), windowRows);
        long unseen = 0;
        List<String> newCategories = new ArrayList<>();
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
            if (!ref.counts().containsKey(e.getKey())) {
                unseen += e.getValue();
                if (newCategories.size() < MAX_LISTED) {
                    newCategories.add(e.getKey());
                }
            }
        }
        Double newRate = column.present() == 0 ? null : NumericDrift.rate(unseen, column.present());
        List<String> listed = newCategories.isEmpty() ? null : newCategories;
        String status = !settings.enabled(name) ? ColumnDrift.DISABLED
                : ref.counts().values().stream().allMatch(v -> v == 0) ? ColumnDrift.NO_REFERENCE
                : column.present() < settings.minRows() ? ColumnDrift.INSUFFICIENT_DATA : ColumnDrift.TESTED;
        if (!ColumnDrift.TESTED.equals(status)) {
            return new ColumnDrift(name, "categorical", null, null, null, null, null, null, null, missingRate,
                    mistypedRate, null, newRate, listed, column.present(), "counts", null, status);
        }
        Binned bins = bins(ref, counts, column.present());
        StatTest test = settings.method(name, false)
                .filter(t -> t.appliesTo(false))
                .orElseGet(() -> auto(ref.count(), bins.bins(), settings));
        double threshold = settings.threshold(name, test);
        BinnedTests.Score s = BinnedTests.run(test, bins);
        return new ColumnDrift(name, "categorical", test.wireName(), s.score(), threshold,
                test.drifted(s.score(), threshold), Double.isNaN(s.pValue()) ? null : s.pValue(),
                Double.isNaN(s.statistic()) ? null : s.statistic(), BinnedTests.psi(bins), missingRate, mistypedRate,
                null, newRate, listed, column.present(), "counts", true, ColumnDrift.TESTED);
    }

    static StatTest auto(long referenceRows, int categories, EffectiveSettings settings) {
        if (referenceRows <= settings.smallReferenceRows()) {
            return categories > 2 ? StatTest.CHI_SQUARE : StatTest.Z;
        }
        return StatTest.JENSEN_SHANNON;
    }

    static Binned bins(CategoricalReference ref, Map<String, Long> counts, long present) {
        TreeSet<String> keys = new TreeSet<>();
        ref.counts().forEach((k, v) -> {
            if (v > 0) {
                keys.add(k);
            }
        });
        counts.forEach((k, v) -> {
            if (v > 0) {
                keys.add(k);
            }
        });
        String[] labels = keys.toArray(String[]::new);
        long refTotal = ref.counts().values().stream().mapToLong(Long::longValue).sum();
        double[] r = new double[labels.length];
        double[] c = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            r[i] = NumericDrift.rate(ref.countOf(labels[i]), refTotal);
            c[i] = NumericDrift.rate(counts.getOrDefault(labels[i], 0L), present);
        }
        return new Binned(labels, r, c, refTotal, present);
    }
}
