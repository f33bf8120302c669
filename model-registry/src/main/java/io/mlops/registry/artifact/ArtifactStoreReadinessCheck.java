package io.mlops.registry.artifact;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the artifact directory exists and is writable: without it no version can be served or registered. */
@Readiness
@ApplicationScoped
public class ArtifactStoreReadinessCheck implements HealthCheck {

    private final FilesystemArtifactStore store;

    public ArtifactStoreReadinessCheck(FilesystemArtifactStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        Path root = store.root();
        var response = HealthCheckResponse.named("artifact-store").withData("dir", root.toString());
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            return response.withData("error", "cannot create: " + e.getMessage()).down().build();
        }
        return Files.isWritable(root) ? response.up().build() : response.withData("error", "not writable").down().build();
    }
}
