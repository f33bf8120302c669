package io.mlops.ml.train;

import io.mlops.ml.data.Table;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a logistic-regression classifier with Tribuo (softmax over labels, AdaGrad SGD):
 * split, fit standardisation on the training rows only, encode, train, and read the model's real
 * column and label order back from it.
 */
public final class LogisticRegressionTraining {

    private LogisticRegressionTraining() {
    }

    public static TrainedModel train(Table table, TrainingConfig config) {
        BinaryLabels.require(table, config.labelColumn(), config.positiveLabel());
        TrainTestSplit split = TrainTestSplit.of(table, config.testFraction(), config.seed());
        NumericStats stats = NumericStats.fit(split.train());
        ExampleEncoder encoder = new ExampleEncoder(table, config.labelColumn(), stats);

        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance(table.name() + "@" + table.digest(), labels), labels);
        for (Object[] row : split.train().rows()) {
            dataset.add(encoder.encode(row));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(config.learningRate(), 0.1), config.epochs(), 1, config.seed());
        LinearSGDModel model = trainer.train(dataset);

        List<String> labelOrder = new ArrayList<>();
        var outputs = model.getOutputIDInfo();
        for (int id = 0; id < outputs.size(); id++) {
            labelOrder.add(outputs.getOutput(id).getLabel());
        }
        if (!labelOrder.contains(config.positiveLabel())) {
            throw new IllegalArgumentException("positive label '" + config.positiveLabel()
                    + "' is not among the labels " + labelOrder);
        }
        ColumnLayout layout = ColumnLayout.of(model.getFeatureIDMap(), encoder.features(), stats);
        return new TrainedModel(model, layout, List.copyOf(labelOrder), config.positiveLabel(),
                encoder, stats, split, config);
    }
}
