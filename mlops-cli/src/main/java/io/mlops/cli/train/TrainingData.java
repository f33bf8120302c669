package io.mlops.cli.train;

import java.util.List;
import java.util.Map;

/**
 * Where a version's training rows came from: the data set version recorded as its
 * {@code trainingData}, and every data set version the run used ({@code name}, {@code version},
 * {@code context}), which the registry's lineage follows.
 */
public record TrainingData(String name, int version, String digest, List<Map<String, Object>> runDatasets) {
}
