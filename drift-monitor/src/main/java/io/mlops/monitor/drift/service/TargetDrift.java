package io.mlops.monitor.drift.service;

import io.mlops.monitor.reference.service.CategoricalReference;
import io.mlops.monitor.reference.service.ColumnReference;
import io.mlops.monitor.reference.service.NumericReference;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.stats.EmpiricalDistribution;
import io.mlops.monitor.stats.KolmogorovSmirnov;
import io.mlops.monitor.stats.StatTest;
import io.mlops.monitor.stats.Wasserstein;
import java.util.List;
import java.util.Map;

/**
 * Drift of the true labels (target drift). The reference profile describes inputs and outputs, not
 * labels, so the reference outputs stand in: the predicted-label distribution for classification,
 * the score distribution for regression. That is exact for a model whose reference predictions match
 * its training labels in distribution, and a good proxy otherwise; it is reported as its own column,
 * {@code target}, never counted in the dataset share.
 */
public final class TargetDrift {

    public static final String COLUMN = "target";

    private TargetDrift() {
    }

    /** Classification: label counts against the reference predicted-label counts. */
    public static ColumnDrift categorical(Map<String, Long> labelCounts, CategoricalReference ref, EffectiveSettings s) {
        long present = labelCounts.values().stream().mapToLong(Long::longValue).sum();
        if (present < s.minRows()) {
            return status(present, ColumnDrift.INSUFFICIENT_DATA, "categorical");
        }
        if (ref.counts().values().stream().allMatch(v -> v == 0)) {
            return status(present, ColumnDrift.NO_REFERENCE, "categorical"); // nothing to compare with
        }
        Binned bins = CategoricalDrift.bins(ref, labelCounts, present);
        StatTest test = s.method(COLUMN, false).filter(t -> t.appliesTo(false))
                .orElseGet(() -> CategoricalDrift.auto(ref.count(), bins.bins(), s));
        BinnedTests.Score score = BinnedTests.run(test, bins);
        double threshold = s.threshold(COLUMN, test);
        return new ColumnDrift(COLUMN, "categorical", test.wireName(), score.score(), threshold,
                test.drifted(score.score(), threshold), Double.isNaN(score.pValue()) ? null : score.pValue(),
                Double.isNaN(score.statistic()) ? null : score.statistic(), BinnedTests.psi(bins), 0.0, null, null,
                null, null, present, ref.name(), true, ColumnDrift.TESTED);
    }

    /** Regression: label values against the reference score distribution (KS or normalised Wasserstein). */
    public static ColumnDrift numeric(double[] labels, NumericReference ref, EffectiveSettings s) {
        if (labels.length < s.minRows() || ref.distribution() == null) {
            return status(labels.length, labels.length < s.minRows() ? ColumnDrift.INSUFFICIENT_DATA : ColumnDrift.NO_REFERENCE,
                    "numeric");
        }
        EmpiricalDistribution current = EmpiricalDistribution.ofSample(labels);
        StatTest test = ref.count() <= s.smallReferenceRows() ? StatTest.KS : StatTest.WASSERSTEIN;
        double threshold = s.threshold(COLUMN, test);
        if (test == StatTest.KS) {
            KolmogorovSmirnov.Outcome o = KolmogorovSmirnov.test(ref.distribution(), current);
            return new ColumnDrift(COLUMN, "numeric", test.wireName(), o.pValue(), threshold,
                    test.drifted(o.pValue(), threshold), o.pValue(), o.statistic(), null, 0.0, null, null, null, null,
                    labels.length, ref.name(), o.exact(), ColumnDrift.TESTED);
        }
        double w = Wasserstein.normalised(ref.distribution(), current, ref.populationStd());
        return new ColumnDrift(COLUMN, "numeric", test.wireName(), w, threshold, test.drifted(w, threshold), null, null,
                null, 0.0, null, null, null, null, labels.length, ref.name(), false, ColumnDrift.TESTED);
    }

    /** The reference to compare labels with, if the profile has one. */
    public static ColumnReference referenceFor(boolean classification, Map<String, ColumnReference> outputs) {
        return outputs.get(classification ? "predictedLabel" : "score");
    }

    private static ColumnDrift status(long count, String status, String type) {
        return new ColumnDrift(COLUMN, type, null, null, null, null, null, null, null, 0.0, null, null, null, null,
                count, null, null, status);
    }

}
