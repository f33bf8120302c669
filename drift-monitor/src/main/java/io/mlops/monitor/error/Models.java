package io.mlops.monitor.error;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.monitor.reference.repository.MonitoredVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** 404s for models and versions the monitor has never seen. */
@ApplicationScoped
public class Models {

    private static final int MAX_NAME = 256;

    private final MonitoredVersionRepository versions;

    public Models(MonitoredVersionRepository versions) {
        this.versions = versions;
    }

    /** A model is known once one of its versions was resolved with the registry. */
    public void requireModel(String model) {
        // A name no model can have (NUL, which PostgreSQL refuses, or absurd length) is unknown without asking.
        if (model == null || model.length() > MAX_NAME || model.indexOf('\0') >= 0 || !versions.modelKnown(model)) {
            throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The monitor has seen no version of model '"
                    + model + "': no prediction or registry event named it yet");
        }
    }

    public void requireVersion(String model, int version) {
        requireModel(model);
        if (versions.find(model, version).isEmpty()) {
            throw new PlatformException(ErrorCode.VERSION_NOT_FOUND, "The monitor has seen no version " + version
                    + " of model '" + model + "'");
        }
    }
}
