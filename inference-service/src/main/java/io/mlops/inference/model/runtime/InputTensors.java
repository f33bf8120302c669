package io.mlops.inference.model.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.mlops.events.registry.Datatype;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds ONNX Runtime input tensors from primitive arrays through per-thread direct buffers, so a
 * request copies its values once into native-order memory ONNX Runtime reads in place, and
 * allocates no buffer on the hot path. A tensor must be closed before its thread builds the next
 * one for the same slot, which every caller does by closing inputs when its run ends.
 */
public final class InputTensors {

    /** Larger scratch buffers are not kept per thread, so one big batch does not pin memory. */
    private static final int MAX_KEPT_BYTES = 4 << 20;
    private static final int SLOTS = 8;
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[SLOTS]);

    private InputTensors() {
    }

    /**
     * @param slot distinct per input of one run (its index), so inputs do not share memory
     * @param data {@code float[]}, {@code double[]}, {@code long[]}, {@code int[]}, {@code short[]},
     *     {@code byte[]}, {@code boolean[]} or {@code String[]}, matching {@code datatype}
     */
    public static OnnxTensor create(OrtEnvironment env, int slot, Datatype datatype, long[] shape, Object data)
            throws OrtException {
        return switch (datatype) {
            case FP32 -> {
                float[] a = (float[]) data;
                ByteBuffer b = scratch(slot, a.length * 4L);
                b.asFloatBuffer().put(a);
                yield OnnxTensor.createTensor(env, b.asFloatBuffer().limit(a.length), shape);
            }
            case FP64 -> {
                double[] a = (double[]) data;
                ByteBuffer b = scratch(slot, a.length * 8L);
                b.asDoubleBuffer().put(a);
                yield OnnxTensor.createTensor(env, b.asDoubleBuffer().limit(a.length), shape);
            }
            case INT64 -> {
                long[] a = (long[]) data;
                ByteBuffer b = scratch(slot, a.length * 8L);
                b.asLongBuffer().put(a);
                yield OnnxTensor.createTensor(env, b.asLongBuffer().limit(a.length), shape);
            }
            case INT32 -> {
                int[] a = (int[]) data;
                ByteBuffer b = scratch(slot, a.length * 4L);
                b.asIntBuffer().put(a);
                yield OnnxTensor.createTensor(env, b.asIntBuffer().limit(a.length), shape);
            }
            case INT16 -> {
                short[] a = (short[]) data;
                ByteBuffer b = scratch(slot, a.length * 2L);
                b.asShortBuffer().put(a);
                yield OnnxTensor.createTensor(env, b.asShortBuffer().limit(a.length), shape, OnnxJavaType.INT16);
            }
            case INT8, UINT8 -> {
                byte[] a = (byte[]) data;
                ByteBuffer b = scratch(slot, a.length);
                b.put(a).flip();
                yield OnnxTensor.createTensor(env, b, shape, datatype == Datatype.INT8 ? OnnxJavaType.INT8 : OnnxJavaType.UINT8);
            }
            case BOOL -> {
                boolean[] a = (boolean[]) data;
                ByteBuffer b = scratch(slot, a.length);
                for (boolean v : a) {
                    b.put(v ? (byte) 1 : (byte) 0);
                }
                b.flip();
                yield OnnxTensor.createTensor(env, b, shape, OnnxJavaType.BOOL);
            }
            case BYTES -> OnnxTensor.createTensor(env, (String[]) data, shape);
            default -> throw new OrtException("datatype " + datatype + " is not supported as an input");
        };
    }

    /** All-zero (or empty-string) data for a tensor of {@code elements} elements, e.g. for warm-up. */
    public static Object zeros(Datatype datatype, int elements) {
        return switch (datatype) {
            case FP32 -> new float[elements];
            case FP64 -> new double[elements];
            case INT64 -> new long[elements];
            case INT32 -> new int[elements];
            case INT16 -> new short[elements];
            case INT8, UINT8 -> new byte[elements];
            case BOOL -> new boolean[elements];
            case BYTES -> {
                String[] s = new String[elements];
                java.util.Arrays.fill(s, "");
                yield s;
            }
            default -> throw new IllegalArgumentException("datatype " + datatype + " is not supported");
        };
    }

    private static ByteBuffer scratch(int slot, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of " + bytes + " bytes is too large");
        }
        int size = (int) Math.max(bytes, 1);
        ByteBuffer[] buffers = SCRATCH.get();
        ByteBuffer b = slot < SLOTS ? buffers[slot] : null;
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(Math.max(size, 1024)).order(ByteOrder.nativeOrder());
            if (slot < SLOTS && size <= MAX_KEPT_BYTES) {
                buffers[slot] = b;
            }
        }
        b.clear();
        return b;
    }
}
