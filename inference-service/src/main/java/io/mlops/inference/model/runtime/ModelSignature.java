package io.mlops.inference.model.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.mlops.events.registry.Datatype;
import io.mlops.events.registry.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors a session really takes and returns, read from ONNX Runtime rather than trusted from
 * metadata, in Open Inference Protocol terms.
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs,
                             Map<String, TensorSpec> inputsByName, Map<String, TensorSpec> outputsByName) {

    public static ModelSignature of(OrtSession session) throws OrtException {
        List<TensorSpec> inputs = specs(session.getInputInfo());
        List<TensorSpec> outputs = specs(session.getOutputInfo());
        return new ModelSignature(List.copyOf(inputs), List.copyOf(outputs), byName(inputs), byName(outputs));
    }

    public TensorSpec input(String name) {
        return inputsByName.get(name);
    }

    public TensorSpec output(String name) {
        return outputsByName.get(name);
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) throws OrtException {
        List<TensorSpec> specs = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof TensorInfo tensor)) {
                throw new OrtException("tensor '" + node.getName() + "' is not a tensor (" + node.getInfo()
                        + "); export classifiers without ZipMap");
            }
            Datatype datatype = datatype(tensor.type);
            if (datatype == null) {
                throw new OrtException("tensor '" + node.getName() + "' has element type " + tensor.type
                        + ", which the Open Inference Protocol cannot carry");
            }
            specs.add(new TensorSpec(node.getName(), datatype,
                    Arrays.stream(tensor.getShape()).map(d -> d < 0 ? -1 : d).boxed().toList()));
        }
        return specs;
    }

    /** The OIP datatype of an ONNX element type this service can serve, or null. */
    static Datatype datatype(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> Datatype.FP32;
            case DOUBLE -> Datatype.FP64;
            case INT8 -> Datatype.INT8;
            case INT16 -> Datatype.INT16;
            case INT32 -> Datatype.INT32;
            case INT64 -> Datatype.INT64;
            case UINT8 -> Datatype.UINT8;
            case BOOL -> Datatype.BOOL;
            case STRING -> Datatype.BYTES;
            default -> null;
        };
    }

    private static Map<String, TensorSpec> byName(List<TensorSpec> specs) {
        Map<String, TensorSpec> map = new LinkedHashMap<>();
        for (TensorSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        return Map.copyOf(map);
    }
}
