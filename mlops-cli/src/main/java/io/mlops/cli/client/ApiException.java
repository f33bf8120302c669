package io.mlops.cli.client;

/**
 * A service answered with an error, or could not be reached. Carries the problem's stable
 * {@code code} so callers can react to, e.g., {@code MODEL_ALREADY_EXISTS} without parsing text.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** HTTP status, or 0 when the service could not be reached. */
    public int status() {
        return status;
    }

    /** The problem's {@code code}, e.g. {@code MODEL_NOT_FOUND}; {@code UNREACHABLE} without an answer. */
    public String code() {
        return code;
    }
}
