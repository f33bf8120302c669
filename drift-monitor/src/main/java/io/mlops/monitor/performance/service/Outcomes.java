package io.mlops.monitor.performance.service;

import io.mlops.events.EventJson;
import io.mlops.monitor.labels.service.LabelledRow;
import io.mlops.monitor.reference.service.MonitoredVersion;
import java.io.IOException;
import java.util.List;

/** Reads the outcome of a joined row. */
public final class Outcomes {

    private Outcomes() {
    }

    public static Outcome of(LabelledRow r) {
        return new Outcome(r.predictedLabel(), r.score(), probabilities(r.probabilitiesJson()), r.label());
    }

    /**
     * Whether a label can be judged against the version: a classifier's label must be one of its
     * labels. Another ("Bad" for "bad", "1" for "good") would count as a wrong answer and as a
     * negative, lowering accuracy and bending AUC, precision and recall without the model having
     * done anything; such a row is kept (and exported) but not judged, and counted when joined.
     */
    public static boolean judgeable(MonitoredVersion version, LabelledRow row) {
        List<String> labels = judgedLabels(version);
        return labels == null || labels.contains(row.label());
    }

    /** The labels feedback must carry to be judged, or null when any may (regression, no labels registered). */
    public static List<String> judgedLabels(MonitoredVersion version) {
        return !version.classification() || version.labels() == null || version.labels().isEmpty()
                ? null : version.labels();
    }

    static double[] probabilities(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, double[].class);
        } catch (IOException e) {
            return null;
        }
    }
}
