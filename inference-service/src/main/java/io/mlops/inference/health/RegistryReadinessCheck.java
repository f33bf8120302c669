package io.mlops.inference.health;

import io.mlops.inference.config.RegistryClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the model registry answers: without it no model can be resolved or loaded,
 * so a new replica must not take traffic.
 */
@Readiness
@ApplicationScoped
public class RegistryReadinessCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI liveness;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public RegistryReadinessCheck(RegistryClientConfig registry) {
        this.liveness = registry.url().resolve("/q/health/live");
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("model-registry").withData("url", liveness.toString());
        try {
            HttpRequest request = HttpRequest.newBuilder(liveness).timeout(TIMEOUT).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return response.withData("status", status).status(status == 200).build();
        } catch (Exception e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }
}
