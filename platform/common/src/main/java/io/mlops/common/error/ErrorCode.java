package io.mlops.common.error;

/**
 * Every stable error code the platform answers with, and the HTTP status it maps to. Clients
 * branch on {@code code}, never on the human-readable title or detail, so a code is never renamed.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_FILTER(400, "Invalid filter"),
    INVALID_INPUT(400, "Invalid input"),
    NOT_FOUND(404, "Not found"),
    MODEL_NOT_FOUND(404, "Model not found"),
    VERSION_NOT_FOUND(404, "Model version not found"),
    RUN_NOT_FOUND(404, "Run not found"),
    FEATURE_VIEW_NOT_FOUND(404, "Feature view not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    MODEL_ALREADY_EXISTS(409, "Model already exists"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    INVALID_ARTIFACT(422, "Invalid artifact"),
    SIGNATURE_MISMATCH(422, "Signature mismatch"),
    UNKNOWN_FEATURE(422, "Unknown feature"),
    SCHEMA_VIOLATION(422, "Schema violation"),
    FEATURES_MISSING(422, "Features missing"),
    INTERNAL_ERROR(500, "Internal error"),
    MODEL_NOT_READY(503, "Model not ready"),
    UPSTREAM_UNAVAILABLE(503, "Upstream unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The RFC 9457 {@code type} URI: stable, one per code. */
    public String typeUri() {
        return "https://mlops.io/problems/" + name().toLowerCase().replace('_', '-');
    }

    /** The code a bare HTTP status stands for when the framework, not our code, rejected a request. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 503 -> UPSTREAM_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }
}
