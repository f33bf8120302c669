package io.mlops.monitor;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The drift-monitor service: Streaming data and prediction drift against reference profiles, live performance from feedback, and alerts. */
@OpenAPIDefinition(info = @Info(
        title = "mlops drift-monitor",
        version = "0.1.0",
        description = "Streaming data and prediction drift against reference profiles, live performance from feedback, and alerts.",
        license = @License(name = "Apache-2.0")))
public class DriftMonitorApplication extends Application {
}
