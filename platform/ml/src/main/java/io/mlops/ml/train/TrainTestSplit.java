package io.mlops.ml.train;

import io.mlops.ml.data.Table;
import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded shuffle split: the same table and seed always give the same two halves. */
public record TrainTestSplit(Table train, Table test) {

    public static TrainTestSplit of(Table table, double testFraction, long seed) {
        int n = table.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int testSize = (int) Math.round(n * testFraction);
        if (testSize == 0 || testSize == n) {
            throw new IllegalArgumentException(table.name() + " has too few rows (" + n + ") to split");
        }
        return new TrainTestSplit(
                table.select(Arrays.copyOfRange(order, testSize, n)),
                table.select(Arrays.copyOfRange(order, 0, testSize)));
    }
}
