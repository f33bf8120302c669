package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** Where the model registry answers: aliases, versions and artifacts. */
@ConfigMapping(prefix = "mlops.registry")
public interface RegistryClientConfig {

    /** Base URL of the registry ({@code MLOPS_REGISTRY_URL}), e.g. {@code http://127.0.0.1:8081}. */
    URI url();
}
