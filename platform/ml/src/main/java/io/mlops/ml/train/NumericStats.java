package io.mlops.ml.train;

import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.HashMap;
import java.util.Map;

/**
 * Mean and standard deviation of each numeric column of the training split. Training standardises
 * with them (SGD converges badly on raw magnitudes such as credit amounts in the thousands), the
 * exported graph applies the same standardisation, and a missing value is imputed with the mean.
 */
public record NumericStats(Map<String, double[]> meanAndStd) {

    public static NumericStats fit(Table train) {
        Map<String, double[]> stats = new HashMap<>();
        for (Column column : train.columns()) {
            if (!column.isNumeric()) {
                continue;
            }
            int index = train.indexOf(column.name());
            double sum = 0;
            double sumSquares = 0;
            long n = 0;
            for (Object[] row : train.rows()) {
                if (row[index] instanceof Double value) {
                    sum += value;
                    sumSquares += value * value;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double variance = n < 2 ? 0 : (sumSquares - n * mean * mean) / (n - 1);
            double std = Math.sqrt(Math.max(variance, 0));
            stats.put(column.name(), new double[] {mean, std > 1e-12 ? std : 1.0});
        }
        return new NumericStats(Map.copyOf(stats));
    }

    public double mean(String column) {
        return require(column)[0];
    }

    public double std(String column) {
        return require(column)[1];
    }

    public double standardise(String column, Double raw) {
        double[] ms = require(column);
        return raw == null ? 0.0 : (raw - ms[0]) / ms[1];
    }

    private double[] require(String column) {
        double[] ms = meanAndStd.get(column);
        if (ms == null) {
            throw new IllegalArgumentException("no statistics for numeric column '" + column + "'");
        }
        return ms;
    }
}
