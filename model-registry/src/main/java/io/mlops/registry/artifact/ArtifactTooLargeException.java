package io.mlops.registry.artifact;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.config.ByteSizes;
import java.util.List;

/** An artifact over the configured limit: 413 {@code PAYLOAD_TOO_LARGE}. */
public class ArtifactTooLargeException extends PlatformException {

    public ArtifactTooLargeException(long maxBytes) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "The artifact is larger than the limit of " + ByteSizes.describe(maxBytes)
                + " (" + maxBytes + " bytes)", List.of(new FieldError("artifact", "exceeds " + maxBytes + " bytes")));
    }
}
