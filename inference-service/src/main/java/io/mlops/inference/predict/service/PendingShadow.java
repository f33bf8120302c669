package io.mlops.inference.predict.service;

import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.model.runtime.LoadedModel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference a predict request holds on its shadow version: handed to the shadow run once the
 * answer is built, or given back when the request fails, is cancelled or skips the shadow.
 * Whichever happens first takes it, so it is released exactly once, even when a cancellation
 * races the answer.
 */
final class PendingShadow {

    private final AtomicReference<LoadedModel> version;

    PendingShadow(LoadedModel version) {
        this.version = new AtomicReference<>(version);
    }

    /** The shadow, still held by this request; null if none or already taken. */
    LoadedModel peek() {
        return version.get();
    }

    /** Takes the reference over; null if there is none left to take. */
    LoadedModel take() {
        return version.getAndSet(null);
    }

    /** Gives the reference back if nobody took it. */
    void release() {
        LoadedModel v = take();
        if (v != null) {
            v.release();
        }
    }

    /** The shadow will not run for this request: counted, and its reference given back. */
    void skip(InferenceMetrics metrics) {
        LoadedModel v = take();
        if (v != null) {
            metrics.shadowSkipped();
            v.release();
        }
    }
}
