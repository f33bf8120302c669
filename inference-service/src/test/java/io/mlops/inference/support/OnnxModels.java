package io.mlops.inference.support;

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

    /**
     * Logistic regression: {@code features [-1, k]} -> Gemm -> Softmax -> {@code probabilities [-1, classes]}.
     * {@code seed} changes the weights, so two versions of a model answer differently.
     */
    public static byte[] logisticRegression(int features, int classes, int seed) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("logistic-regression");
        ONNXPlaceholder input = ctx.floatInput("features", features);
        ONNXPlaceholder output = ctx.floatOutput("probabilities", classes);
        ONNXInitializer weights = weights(ctx, features, classes, seed);
        ONNXInitializer bias = classBias(ctx, classes);
        input.apply(ONNXOperators.GEMM, List.of(weights, bias)).apply(ONNXOperators.SOFTMAX).assignTo(output);
        return model(ctx.buildGraph());
    }

    /**
     * Logistic regression with two outputs, {@code probabilities [-1, classes]} (first, the one a
     * prediction is read from) and the raw {@code logits [-1, classes]} before the softmax.
     */
    public static byte[] logisticRegressionWithLogits(int features, int classes, int seed) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("logistic-regression-with-logits");
        ONNXPlaceholder input = ctx.floatInput("features", features);
        ONNXPlaceholder probabilities = ctx.floatOutput("probabilities", classes);
        ONNXPlaceholder logits = ctx.floatOutput("logits", classes);
        ONNXInitializer weights = weights(ctx, features, classes, seed);
        ONNXInitializer bias = classBias(ctx, classes);
        var gemm = input.apply(ONNXOperators.GEMM, List.of(weights, bias));
        gemm.apply(ONNXOperators.SOFTMAX).assignTo(probabilities);
        gemm.assignTo(logits);
        return model(ctx.buildGraph());
    }

    /** Linear regression: {@code features [-1, k]} -> Gemm -> {@code value [-1, 1]}. */
    public static byte[] linearRegression(int features, int seed) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("linear-regression");
        ONNXPlaceholder input = ctx.floatInput("features", features);
        ONNXPlaceholder output = ctx.floatOutput("value", 1);
        ONNXInitializer weights = weights(ctx, features, 1, seed);
        ONNXInitializer bias = ctx.floatTensor("bias", List.of(1), buf -> buf.put(0.5f));
        input.apply(ONNXOperators.GEMM, List.of(weights, bias)).assignTo(output);
        return model(ctx.buildGraph());
    }

    /**
     * {@code x [-1, width]} of the given ONNX element type, returned unchanged as {@code y}: proves
     * a datatype travels through the protocol and the runtime intact.
     */
    public static byte[] identity(OnnxMl.TensorProto.DataType type, int width) {
        OnnxMl.TypeProto tensorType = OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber())
                        .setShape(OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width))))
                .build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("identity")
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(tensorType))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(tensorType))
                .build();
        return model(graph);
    }

    /** The first {@code fraction} of a model's bytes, as a broken upload would leave it. */
    public static byte[] truncated(byte[] model, double fraction) {
        return Arrays.copyOf(model, (int) (model.length * fraction));
    }

    private static ONNXInitializer classBias(ONNXContext ctx, int classes) {
        return ctx.floatTensor("bias", List.of(classes), buf -> {
            for (int i = 0; i < classes; i++) {
                buf.put(0.01f * i);
            }
        });
    }

    private static ONNXInitializer weights(ONNXContext ctx, int rows, int cols, int seed) {
        return ctx.floatTensor("weights", List.of(rows, cols), buf -> {
            for (int i = 0; i < rows * cols; i++) {
                buf.put(((i + seed) % 7 - 3) * 0.1f + seed * 0.05f * (i % 2 == 0 ? 1 : -1));
            }
        });
    }

    private static byte[] model(OnnxMl.GraphProto graph) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13).build())
                .setGraph(graph)
                .build()
                .toByteArray();
    }
}
