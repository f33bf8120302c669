package io.mlops.ml.export;

import ai.onnx.proto.OnnxMl;
import io.mlops.ml.train.TrainedModel;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Exports a trained model as an ONNX graph that takes raw feature columns: {@code input [-1,k]}
 * (FP32) → subtract training means → divide by training standard deviations → Tribuo's own linear
 * + softmax graph → {@code probabilities [-1, labels]}. Inference therefore only one-hot encodes;
 * the standardisation learnt in training travels inside the artifact.
 */
public final class OnnxExport {

    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    public static final String DOMAIN = "io.mlops";

    private OnnxExport() {
    }

    public static byte[] toBytes(TrainedModel trained, long modelVersion) {
        ONNXContext context = new ONNXContext();
        ONNXPlaceholder input = context.floatInput(INPUT, trained.layout().width());
        ONNXInitializer means = context.array("training_means", trained.layout().means());
        ONNXInitializer stds = context.array("training_stds", trained.layout().stds());
        ONNXNode standardised = input.apply(ONNXOperators.SUB, means).apply(ONNXOperators.DIV, stds);
        ONNXNode probabilities = trained.model().writeONNXGraph(standardised);
        context.assignTo(probabilities, context.floatOutput(OUTPUT, trained.labels().size()));
        OnnxMl.ModelProto model = ONNXExportable.buildModel(context, DOMAIN, modelVersion, trained.model());
        // Tribuo records its provenance, with wall-clock times, in the metadata and doc string; a
        // stable description instead makes the same data and seed give byte-identical artifacts,
        // hence the same sha256 in the registry.
        return model.toBuilder()
                .clearMetadataProps()
                .setDocString(description(trained))
                .build()
                .toByteArray();
    }

    private static String description(TrainedModel trained) {
        var config = trained.config();
        return "logistic regression (Tribuo LinearSGDModel, AdaGrad) predicting " + config.labelColumn()
                + " from " + trained.layout().featureRefs().size() + " features; labels " + trained.labels()
                + "; seed " + config.seed() + ", " + config.epochs() + " epochs, "
                + trained.split().train().size() + " training rows of " + trained.split().train().digest();
    }
}
