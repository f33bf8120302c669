package io.mlops.registry.support;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.List;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/** Builds real ONNX models in memory: the graphs a linear trainer exports, small enough for any test. */
public final class OnnxModels {

    private OnnxModels() {
    }

    /** Logistic regression: {@code features [-1, k]} -> Gemm -> Softmax -> {@code probabilities [-1, classes]}. */
    public static byte[] logisticRegression(int features, int classes) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("logistic-regression");
        ONNXPlaceholder input = ctx.floatInput("features", features);
        ONNXPlaceholder output = ctx.floatOutput("probabilities", classes);
        ONNXInitializer weights = weights(ctx, features, classes);
        ONNXInitializer bias = ctx.floatTensor("bias", List.of(classes), buf -> {
            for (int i = 0; i < classes; i++) {
                buf.put(0.01f * i);
            }
        });
        input.apply(ONNXOperators.GEMM, List.of(weights, bias)).apply(ONNXOperators.SOFTMAX).assignTo(output);
        return model(ctx);
    }

    /** Linear regression: {@code features [-1, k]} -> Gemm -> {@code value [-1, 1]}. */
    public static byte[] linearRegression(int features) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("linear-regression");
        ONNXPlaceholder input = ctx.floatInput("features", features);
        ONNXPlaceholder output = ctx.floatOutput("value", 1);
        ONNXInitializer weights = weights(ctx, features, 1);
        ONNXInitializer bias = ctx.floatTensor("bias", List.of(1), buf -> buf.put(0.5f));
        input.apply(ONNXOperators.GEMM, List.of(weights, bias)).assignTo(output);
        return model(ctx);
    }

    /** Two inputs added together: breaks the platform's one-input contract. */
    public static byte[] twoInputs(int features) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("two-inputs");
        ONNXPlaceholder a = ctx.floatInput("a", features);
        ONNXPlaceholder b = ctx.floatInput("b", features);
        ONNXPlaceholder output = ctx.floatOutput("sum", features);
        a.apply(ONNXOperators.ADD, b).assignTo(output);
        return model(ctx);
    }

    /** The first {@code fraction} of a model's bytes, as a broken upload would leave it. */
    public static byte[] truncated(byte[] model, double fraction) {
        return Arrays.copyOf(model, (int) (model.length * fraction));
    }

    private static ONNXInitializer weights(ONNXContext ctx, int rows, int cols) {
        return ctx.floatTensor("weights", List.of(rows, cols), buf -> {
            for (int i = 0; i < rows * cols; i++) {
                buf.put((i % 7 - 3) * 0.1f);
            }
        });
    }

    private static byte[] model(ONNXContext ctx) {
        OnnxMl.GraphProto graph = ctx.buildGraph();
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13).build())
                .setGraph(graph)
                .build()
                .toByteArray();
    }
}
