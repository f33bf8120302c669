package io.mlops.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code error} repeats {@code detail} on Open Inference Protocol
 * routes only, because OIP clients read that field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        List<FieldError> errors,
        String error) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        return of(code, code.status(), detail, instance, errors);
    }

    /** With an explicit status, for errors whose status has no code of its own (e.g. 411, 501). */
    public static Problem of(ErrorCode code, int status, String detail, String instance, List<FieldError> errors) {
        boolean oip = instance != null && (instance.equals("/v2") || instance.startsWith("/v2/"));
        return new Problem(
                code.typeUri(),
                code.title(),
                status,
                detail,
                instance,
                code.name(),
                errors == null || errors.isEmpty() ? null : List.copyOf(errors),
                oip ? detail : null);
    }
}
