package io.mlops.inference.oip.service;

import io.mlops.events.registry.Datatype;

/**
 * One input tensor of an inference request, its values already in the primitive array its
 * datatype calls for ({@code float[]} for FP32, {@code String[]} for BYTES, ...), flattened
 * row-major as the protocol defines.
 *
 * @param index position in the request's {@code inputs}, for error paths such as {@code inputs[1].shape}
 */
public record InferInput(int index, String name, long[] shape, Datatype datatype, Object data, int elements) {

    /** Rows of a batched input: its first dimension, or 1 for a scalar. */
    public int rows() {
        return shape.length == 0 ? 1 : (int) shape[0];
    }
}
