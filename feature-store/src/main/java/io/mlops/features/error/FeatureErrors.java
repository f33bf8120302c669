package io.mlops.features.error;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.util.List;

/** The errors this service raises on purpose, worded once so every endpoint says the same thing. */
public final class FeatureErrors {

    /** A 422 lists at most this many field errors; the detail still counts all of them. */
    public static final int MAX_LISTED_ERRORS = 100;

    private FeatureErrors() {
    }

    public static PlatformException viewNotFound(String name) {
        return PlatformException.notFound(ErrorCode.FEATURE_VIEW_NOT_FOUND, "Feature view", name);
    }

    public static PlatformException viewVersionNotFound(String name, int version, int latest) {
        return new PlatformException(ErrorCode.FEATURE_VIEW_NOT_FOUND,
                "Feature view '" + name + "' has no version " + version + " (latest is " + latest + ")");
    }

    public static PlatformException entityNotFound(String name) {
        return PlatformException.notFound(ErrorCode.NOT_FOUND, "Entity", name);
    }

    public static PlatformException featureServiceNotFound(String name) {
        return PlatformException.notFound(ErrorCode.NOT_FOUND, "Feature service", name);
    }

    /** One or more feature references that do not resolve; the detail names the first. */
    public static PlatformException unknownFeatures(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).message()
                : errors.get(0).message() + " (and " + (errors.size() - 1) + " more)";
        return new PlatformException(ErrorCode.UNKNOWN_FEATURE, detail, capped(errors));
    }

    public static PlatformException validation(String detail, List<FieldError> errors) {
        return PlatformException.validation(detail, capped(errors));
    }

    public static PlatformException validation(String field, String message) {
        return PlatformException.validation(message, List.of(new FieldError(field, message)));
    }

    public static PlatformException tooLarge(String detail) {
        return new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, detail);
    }

    public static List<FieldError> capped(List<FieldError> errors) {
        return errors.size() <= MAX_LISTED_ERRORS ? errors : errors.subList(0, MAX_LISTED_ERRORS);
    }
}
