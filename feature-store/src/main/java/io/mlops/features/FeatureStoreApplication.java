package io.mlops.features;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The feature-store service: Entities, versioned feature views and feature services; push and Kafka ingestion; online lookup and point-in-time correct historical retrieval. */
@OpenAPIDefinition(info = @Info(
        title = "mlops feature-store",
        version = "0.1.0",
        description = "Entities, versioned feature views and feature services; push and Kafka ingestion; online lookup and point-in-time correct historical retrieval.",
        license = @License(name = "Apache-2.0")))
public class FeatureStoreApplication extends Application {
}
