package io.mlops.monitor.performance.service;

/**
 * What a model said and what turned out true, for one labelled prediction.
 *
 * @param probabilities per-label probabilities (multiclass), or {@code null}
 */
public record Outcome(String predictedLabel, Double score, double[] probabilities, String label) {
}
