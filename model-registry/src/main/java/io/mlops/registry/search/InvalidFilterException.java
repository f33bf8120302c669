package io.mlops.registry.search;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.util.List;

/** A filter or order-by that cannot be read; the detail names the position, counted from 1. */
public class InvalidFilterException extends PlatformException {

    public InvalidFilterException(String parameter, String message, int position) {
        super(ErrorCode.INVALID_FILTER, "Invalid " + parameter + " at position " + position + ": " + message,
                List.of(new FieldError(parameter, message + " (position " + position + ")")));
    }

    public InvalidFilterException(String parameter, String message) {
        super(ErrorCode.INVALID_FILTER, "Invalid " + parameter + ": " + message,
                List.of(new FieldError(parameter, message)));
    }
}
