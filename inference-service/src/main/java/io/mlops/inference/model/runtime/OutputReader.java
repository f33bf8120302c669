package io.mlops.inference.model.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.mlops.events.registry.Datatype;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/** Copies ONNX Runtime output tensors into flat primitive arrays, the form JSON and the log write. */
public final class OutputReader {

    /**
     * One output: its OIP datatype, shape and flat data ({@code float[]}, {@code double[]},
     * {@code long[]}, {@code int[]}, {@code boolean[]} or {@code String[]}; 8- and 16-bit integers
     * widen to {@code int[]} so JSON writes numbers, not base64).
     */
    public record Output(String name, Datatype datatype, long[] shape, Object data) {

        /** Values of this output as floats, or null when it is not numeric. */
        public float[] floats() {
            if (data instanceof float[] f) {
                return f;
            }
            int n = data instanceof String[] || data instanceof boolean[] ? -1 : Array.getLength(data);
            if (n < 0) {
                return null;
            }
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(data, i)).floatValue();
            }
            return out;
        }
    }

    private OutputReader() {
    }

    public static Output read(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new OrtException("output '" + name + "' is a " + value.getType() + ", not a tensor");
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        return switch (info.type) {
            case FLOAT -> {
                FloatBuffer b = tensor.getFloatBuffer();
                float[] a = new float[b.remaining()];
                b.get(a);
                yield new Output(name, Datatype.FP32, shape, a);
            }
            case DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                double[] a = new double[b.remaining()];
                b.get(a);
                yield new Output(name, Datatype.FP64, shape, a);
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                long[] a = new long[b.remaining()];
                b.get(a);
                yield new Output(name, Datatype.INT64, shape, a);
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                int[] a = new int[b.remaining()];
                b.get(a);
                yield new Output(name, Datatype.INT32, shape, a);
            }
            case INT16 -> {
                ShortBuffer b = tensor.getShortBuffer();
                int[] a = new int[b.remaining()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = b.get(i);
                }
                yield new Output(name, Datatype.INT16, shape, a);
            }
            case INT8, UINT8 -> {
                ByteBuffer b = tensor.getByteBuffer();
                boolean unsigned = info.type == ai.onnxruntime.OnnxJavaType.UINT8;
                int[] a = new int[b.remaining()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = unsigned ? Byte.toUnsignedInt(b.get(i)) : b.get(i);
                }
                yield new Output(name, unsigned ? Datatype.UINT8 : Datatype.INT8, shape, a);
            }
            case BOOL -> {
                ByteBuffer b = tensor.getByteBuffer();
                boolean[] a = new boolean[b.remaining()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = b.get(i) != 0;
                }
                yield new Output(name, Datatype.BOOL, shape, a);
            }
            case STRING -> {
                List<String> flat = new ArrayList<>();
                flatten(tensor.getValue(), flat);
                yield new Output(name, Datatype.BYTES, shape, flat.toArray(new String[0]));
            }
            default -> throw new OrtException("output '" + name + "' has element type " + info.type
                    + ", which the Open Inference Protocol cannot carry");
        };
    }

    private static void flatten(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Object[] array) {
            for (Object o : array) {
                flatten(o, out);
            }
        }
    }
}
