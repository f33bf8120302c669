package io.mlops.inference;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The inference-service service: Open Inference Protocol v2 and a feature-joined predict API on ONNX Runtime, with alias-driven hot swap, champion/challenger and shadow traffic. */
@OpenAPIDefinition(info = @Info(
        title = "mlops inference-service",
        version = "0.1.0",
        description = "Open Inference Protocol v2 and a feature-joined predict API on ONNX Runtime, with alias-driven hot swap, champion/challenger and shadow traffic.",
        license = @License(name = "Apache-2.0")))
public class InferenceApplication extends Application {
}
