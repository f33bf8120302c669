package io.mlops.registry.version.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.registry.Datatype;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.TensorSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Opens an artifact with ONNX Runtime, the same engine that will serve it, which proves it is a
 * loadable model and yields its real input and output tensors.
 */
@ApplicationScoped
public class OnnxInspector {

    /** Reads the signature of the model in {@code file}; 422 {@code INVALID_ARTIFACT} when it is not a model. */
    public Signature inspect(Path file) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Only the graph's interface is needed: skip optimisation and keep one thread.
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(file.toString(), options)) {
                return new Signature(tensors(session.getInputInfo(), "input"), tensors(session.getOutputInfo(), "output"));
            }
        } catch (OrtException e) {
            // ONNX Runtime names the file it read: a path of this server, not the caller's business.
            throw invalid("ONNX Runtime cannot load it as a model: "
                    + firstLine(e.getMessage()).replace(file.toString(), "the artifact"));
        }
    }

    private static List<TensorSpec> tensors(Map<String, NodeInfo> nodes, String kind) {
        List<TensorSpec> specs = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof TensorInfo tensor)) {
                throw invalid("its " + kind + " '" + node.getName() + "' is a " + node.getInfo().getClass().getSimpleName()
                        .replace("Info", "").toLowerCase() + ", not a tensor; export classifiers without ZipMap");
            }
            specs.add(new TensorSpec(node.getName(), datatype(tensor, node.getName()),
                    Arrays.stream(tensor.getShape()).map(d -> d < 0 ? -1 : d).boxed().toList()));
        }
        return specs;
    }

    private static Datatype datatype(TensorInfo tensor, String name) {
        OnnxJavaType type = tensor.type;
        return switch (type) {
            case FLOAT -> Datatype.FP32;
            case DOUBLE -> Datatype.FP64;
            case FLOAT16 -> Datatype.FP16;
            case INT8 -> Datatype.INT8;
            case INT16 -> Datatype.INT16;
            case INT32 -> Datatype.INT32;
            case INT64 -> Datatype.INT64;
            case UINT8 -> Datatype.UINT8;
            case BOOL -> Datatype.BOOL;
            case STRING -> Datatype.BYTES;
            default -> throw invalid("tensor '" + name + "' has element type " + type
                    + ", which the Open Inference Protocol cannot carry");
        };
    }

    private static PlatformException invalid(String why) {
        return new PlatformException(ErrorCode.INVALID_ARTIFACT, "The artifact is not a usable ONNX model: " + why,
                List.of(new FieldError("artifact", why)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
