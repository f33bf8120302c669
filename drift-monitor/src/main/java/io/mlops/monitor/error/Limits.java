package io.mlops.monitor.error;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.util.List;

/** Checks of paging parameters: a bad one is a 400 {@code INVALID_INPUT}, never silently clamped. */
public final class Limits {

    private Limits() {
    }

    public static int limit(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw new PlatformException(ErrorCode.INVALID_INPUT, "Invalid limit",
                    List.of(new FieldError("limit", "must be between 1 and " + max)));
        }
        return requested;
    }
}
