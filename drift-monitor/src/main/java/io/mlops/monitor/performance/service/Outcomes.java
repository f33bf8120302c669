package io.mlops.monitor.performance.service;

import io.mlops.events.EventJson;
import io.mlops.monitor.labels.service.LabelledRow;
import java.io.IOException;

/** Reads the outcome of a joined row. */
public final class Outcomes {

    private Outcomes() {
    }

    public static Outcome of(LabelledRow r) {
        return new Outcome(r.predictedLabel(), r.score(), probabilities(r.probabilitiesJson()), r.label());
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
