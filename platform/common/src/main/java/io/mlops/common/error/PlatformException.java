package io.mlops.common.error;

import java.util.List;

/**
 * The root of every error a service raises on purpose. It carries its stable {@link ErrorCode};
 * the HTTP mapping happens in one place, {@link ProblemExceptionMappers}.
 */
public class PlatformException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;

    public PlatformException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public PlatformException(ErrorCode code, String detail, List<FieldError> errors) {
        this(code, detail, errors, null);
    }

    public PlatformException(ErrorCode code, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static PlatformException notFound(ErrorCode code, String what, String name) {
        return new PlatformException(code, what + " '" + name + "' does not exist");
    }

    public static PlatformException conflict(String detail) {
        return new PlatformException(ErrorCode.CONFLICT, detail);
    }

    public static PlatformException validation(String detail, List<FieldError> errors) {
        return new PlatformException(ErrorCode.VALIDATION_FAILED, detail, errors);
    }
}
