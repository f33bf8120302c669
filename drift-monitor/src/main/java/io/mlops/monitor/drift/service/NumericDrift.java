package io.mlops.monitor.drift.service;

import io.mlops.monitor.reference.service.NumericReference;
import io.mlops.monitor.reference.service.ReferenceReader;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.stats.EmpiricalDistribution;
import io.mlops.monitor.stats.Histograms;
import io.mlops.monitor.stats.KolmogorovSmirnov;
import io.mlops.monitor.stats.StatTest;
import io.mlops.monitor.stats.Wasserstein;
import io.mlops.monitor.window.NumericColumn;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tests one numeric column of a window against its reference. The current side is the window's
 * raw values while its sample holds them all, else its KLL sketch. Method choice follows Evidently:
 * up to {@code smallReferenceRows} reference values KS (chi-squared or z when the column has at most
 * five distinct values), beyond it Wasserstein (Jensen-Shannon for few values).
 */
final class NumericDrift {

    private static final int CATEGORICAL_UP_TO = 5;
    private static final int BINARY_UP_TO = 2;

    private NumericDrift() {
    }

    static ColumnDrift test(NumericColumn column, NumericReference ref, double[] sample, boolean sampleComplete,
                            long windowRows, EffectiveSettings settings) {
        String name = column.name();
        double missingRate = rate(column.missing() + column.mistyped(), windowRows);
        Double mistypedRate = column.mistyped() == 0 ? null : rate(column.mistyped(), windowRows);
        Double outOfRange = column.present() == 0 ? null : rate(column.outOfRange(), column.present());
        if (!settings.enabled(name)) {
            return quality(name, ColumnDrift.DISABLED, missingRate, mistypedRate, outOfRange, column.present(), ref.source());
        }
        if (ref.distribution() == null) {
            return quality(name, ColumnDrift.NO_REFERENCE, missingRate, mistypedRate, outOfRange, column.present(), ref.source());
        }
        if (column.present() < settings.minRows()) {
            return quality(name, ColumnDrift.INSUFFICIENT_DATA, missingRate, mistypedRate, outOfRange, column.present(), ref.source());
        }
        EmpiricalDistribution current = sampleComplete
                ? EmpiricalDistribution.ofSample(sample) : EmpiricalDistribution.ofSketch(column.sketch());
        Map<Double, Long> currentValues = column.valueCounts();
        int distinct = unionDistinct(ref, currentValues);
        StatTest test = settings.method(name, true).orElseGet(() -> auto(ref.count(), distinct, settings));
        double threshold = settings.threshold(name, test);
        Binned bins = bins(ref, column, current, currentValues);
        if ((test == StatTest.CHI_SQUARE || test == StatTest.Z) && Arrays.stream(bins.referenceCounts()).sum() == 0) {
            // A profile that contradicts itself (a count below its sample's) scales its shares to
            // counts that all round to nothing: there is nothing to test the window against.
            return quality(name, ColumnDrift.NO_REFERENCE, missingRate, mistypedRate, outOfRange, column.present(),
                    ref.source());
        }
        double score;
        Double statistic = null;
        Double pValue = null;
        boolean exact = ref.exact() && sampleComplete;
        switch (test) {
            case KS -> {
                KolmogorovSmirnov.Outcome o = KolmogorovSmirnov.test(ref.distribution(), current);
                score = o.pValue();
                pValue = o.pValue();
                statistic = o.statistic();
                exact = o.exact();
            }
            case WASSERSTEIN -> score = Wasserstein.normalised(ref.distribution(), current, ref.populationStd());
            default -> {
                BinnedTests.Score s = BinnedTests.run(test, bins);
                score = s.score();
                statistic = Double.isNaN(s.statistic()) ? null : s.statistic();
                pValue = Double.isNaN(s.pValue()) ? null : s.pValue();
            }
        }
        return new ColumnDrift(name, "numeric", test.wireName(), score, threshold, test.drifted(score, threshold),
                pValue, statistic, BinnedTests.psi(bins), missingRate, mistypedRate, outOfRange, null, null,
                column.present(), ref.source(), exact, ColumnDrift.TESTED);
    }

    /** Evidently's {@code _get_default_stattest} for a numeric column. */
    static StatTest auto(long referenceRows, int distinct, EffectiveSettings settings) {
        if (referenceRows <= settings.smallReferenceRows()) {
            return distinct > CATEGORICAL_UP_TO ? StatTest.KS : distinct > BINARY_UP_TO ? StatTest.CHI_SQUARE : StatTest.Z;
        }
        return distinct > CATEGORICAL_UP_TO ? StatTest.WASSERSTEIN : StatTest.JENSEN_SHANNON;
    }

    /**
     * Evidently's {@code get_binned_data}: by value, over the values of both sides, when the
     * reference has at most 20 distinct values (however many the window has); otherwise Sturges
     * equal-width bins over the combined range. The window's shares per value come from its exact
     * counts or its complete sample; only a window too large for either (more than
     * {@code sampleSize} rows over more than 21 values) falls back to Sturges bins.
     */
    static Binned bins(NumericReference ref, NumericColumn column, EmpiricalDistribution current,
                       Map<Double, Long> currentValues) {
        long refRows = ref.count();
        long curRows = column.present();
        Map<Double, Double> currentShares = ref.discreteShares() == null ? null
                : currentValues != null ? shares(currentValues, curRows)
                : current.rankError() == 0.0 ? current.pointShares()
                : null;
        if (currentShares != null) {
            TreeSet<Double> keys = new TreeSet<>(ref.discreteShares().keySet());
            keys.addAll(currentShares.keySet());
            String[] labels = new String[keys.size()];
            double[] r = new double[keys.size()];
            double[] c = new double[keys.size()];
            int i = 0;
            for (double key : keys) {
                labels[i] = Double.toString(key);
                r[i] = ref.discreteShares().getOrDefault(key, 0.0);
                c[i++] = currentShares.getOrDefault(key, 0.0);
            }
            return new Binned(labels, r, c, refRows, curRows);
        }
        double lo = Math.min(ref.min(), column.min());
        double hi = Math.max(ref.max(), column.max());
        double[] edges = Histograms.sturgesEdges(lo, hi, refRows + curRows);
        String[] labels = new String[edges.length - 1];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = "[" + edges[i] + ", " + edges[i + 1] + (i == labels.length - 1 ? "]" : ")");
        }
        return new Binned(labels, Histograms.shares(ref.distribution(), edges), Histograms.shares(current, edges),
                refRows, curRows);
    }

    private static Map<Double, Double> shares(Map<Double, Long> counts, long rows) {
        Map<Double, Double> out = new java.util.TreeMap<>();
        counts.forEach((value, count) -> out.put(value, count / (double) rows));
        return out;
    }

    private static int unionDistinct(NumericReference ref, Map<Double, Long> currentValues) {
        if (ref.discreteShares() == null || currentValues == null) {
            return Integer.MAX_VALUE;
        }
        TreeSet<Double> keys = new TreeSet<>(ref.discreteShares().keySet());
        keys.addAll(currentValues.keySet());
        return keys.size();
    }

    private static ColumnDrift quality(String name, String status, double missingRate, Double mistypedRate,
                                       Double outOfRange, long count, String source) {
        return new ColumnDrift(name, "numeric", null, null, null, null, null, null, null, missingRate, mistypedRate,
                outOfRange, null, null, count, source, null, status);
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
