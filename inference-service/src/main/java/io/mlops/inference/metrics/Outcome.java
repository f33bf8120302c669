package io.mlops.inference.metrics;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;

/** How a request ended, as the {@code outcome} tag of {@code mlops_inference_requests_total}. */
public enum Outcome {
    OK("ok"),
    /** The client sent something the model cannot take (4xx). */
    CLIENT_ERROR("client_error"),
    /** A dependency (feature store) was down or slow (503). */
    UNAVAILABLE("unavailable"),
    /** The server failed (5xx); always a bug or a broken model. */
    ERROR("error");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The outcome a failed request is counted under. */
    public static Outcome of(Throwable e) {
        if (e instanceof PlatformException p) {
            if (p.code() == ErrorCode.UPSTREAM_UNAVAILABLE) {
                return UNAVAILABLE;
            }
            return p.code().status() < 500 ? CLIENT_ERROR : ERROR;
        }
        return ERROR;
    }
}
