package io.mlops.cli.train;

/**
 * What {@code mlops train} was asked to do.
 *
 * @param dataset a built-in data set name or an ARFF path
 * @param view the feature view the data set's features are pushed to and read back from
 * @param entity the entity whose key identifies a row, with {@code joinKey} as its key column
 */
public record TrainingRequest(
        String dataset,
        String labelColumn,
        String positiveLabel,
        String experiment,
        String model,
        String view,
        String entity,
        String joinKey,
        long ttlSeconds,
        long seed,
        int epochs,
        double learningRate,
        double testFraction) {
}
