package io.mlops.registry;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The model-registry service: Models, versions with ONNX artifacts, aliases, experiments and runs, datasets, lineage and search; models created, versions registered or patched and aliases moved are published as CloudEvents through a transactional outbox. */
@OpenAPIDefinition(info = @Info(
        title = "mlops model-registry",
        version = "0.1.0",
        description = "Models, versions with ONNX artifacts, aliases, experiments and runs, datasets, lineage and search; models created, versions registered or patched and aliases moved are published as CloudEvents through a transactional outbox.",
        license = @License(name = "Apache-2.0")))
public class RegistryApplication extends Application {
}
