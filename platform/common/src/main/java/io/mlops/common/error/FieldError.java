package io.mlops.common.error;

/** One invalid field of a request: a JSON path such as {@code rows[3].f1}, and what is wrong with it. */
public record FieldError(String field, String message) {
}
