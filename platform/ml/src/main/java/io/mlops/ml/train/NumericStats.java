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
            long n = 0;
            for (Object[] row : train.rows()) {
                if (row[index] instanceof Double value) {
                    sum += value;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double correction = 0;
            for (Object[] row : train.rows()) {
                if (row[index] instanceof Double value) {
                    correction += value - mean;
                }
            }
            // The corrected two-pass mean: the sum's rounding moved it by up to n ulps.
            mean = n == 0 ? 0 : mean + correction / n;
            // Two passes: the one-pass sum of squares loses the variance of large, nearly equal
            // values to cancellation (800 copies of 739.643 came out with a std of 1e-4, and the
            // exported graph then multiplied any other value by 10^4).
            double squaredDeviations = 0;
            for (Object[] row : train.rows()) {
                if (row[index] instanceof Double value) {
                    double d = value - mean;
                    squaredDeviations += d * d;
                }
            }
            double std = n < 2 ? 0 : Math.sqrt(squaredDeviations / (n - 1));
            // Rounding leaves a constant column a deviation of about 1e-16·|mean|; ten thousand
            // times that is real spread (epoch milliseconds a few apart included).
            boolean constant = std <= 1e-12 * Math.max(1.0, Math.abs(mean));
            stats.put(column.name(), new double[] {mean, constant ? 1.0 : std});
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
