package io.mlops.inference.error;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.util.List;

/** The errors this service raises on purpose, worded once so every endpoint says the same thing. */
public final class InferenceErrors {

    private InferenceErrors() {
    }

    public static PlatformException modelNotFound(String model) {
        return new PlatformException(ErrorCode.MODEL_NOT_FOUND, "Model '" + model + "' is not known to the registry");
    }

    public static PlatformException modelNotReady(String model, String why) {
        return new PlatformException(ErrorCode.MODEL_NOT_READY, "Model '" + model + "' has no loaded version: " + why);
    }

    public static PlatformException versionNotServed(String model, String version) {
        return new PlatformException(ErrorCode.VERSION_NOT_FOUND,
                "Version " + version + " of model '" + model + "' is not served here; only aliased versions are loaded");
    }

    /** A tensor the client sent does not fit the model; {@code field} names it, e.g. {@code inputs[0].shape}. */
    public static PlatformException invalidInput(String field, String detail) {
        return new PlatformException(ErrorCode.INVALID_INPUT, detail, List.of(new FieldError(field, detail)));
    }

    public static PlatformException malformed(String field, String detail) {
        return new PlatformException(ErrorCode.MALFORMED_REQUEST, detail, List.of(new FieldError(field, detail)));
    }

    public static PlatformException tooLarge(String detail) {
        return new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, detail);
    }

    /** The binary tensor data extension (raw bytes after the JSON header), which this server does not speak. */
    public static PlatformException binaryDataUnsupported() {
        return new PlatformException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Binary tensor data is not supported: send every "
                + "input's values as JSON in its 'data' (with tritonclient, binary_data=False)");
    }

    public static PlatformException upstreamUnavailable(String what, Throwable cause) {
        return new PlatformException(ErrorCode.UPSTREAM_UNAVAILABLE, what, List.of(), cause);
    }
}
