package io.mlops.inference.model.service;

import io.mlops.events.registry.ModelVersion;
import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.registry.client.RegistryClient;
import io.mlops.inference.registry.client.RegistryUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Artifacts on local disk, one file per version named after its sha256, written only once the
 * download's digest matches the registry's: a half-written or tampered file is never loaded,
 * and a restart reuses what is already there.
 */
@ApplicationScoped
public class ArtifactCache {

    private final Path dir;
    private final RegistryClient registry;

    public ArtifactCache(ModelsConfig config, RegistryClient registry) {
        this.dir = config.cacheDir();
        this.registry = registry;
    }

    /** The verified local file of a version, downloading it if needed. */
    public Path fetch(ModelVersion version) throws LoadFailure {
        String expected = version.sha256() == null ? "" : version.sha256().toLowerCase();
        if (expected.length() != 64) {
            throw new LoadFailure(LoadFailure.Reason.CORRUPT_ARTIFACT,
                    "the registry gives no sha256 for " + version.name() + " v" + version.version(), null);
        }
        Path modelDir = dir.resolve(version.name());
        Path file = modelDir.resolve("v" + version.version() + "-" + expected + ".onnx");
        try {
            Files.createDirectories(modelDir);
            if (Files.isRegularFile(file) && expected.equals(sha256(file))) {
                return file;
            }
            Path partial = Files.createTempFile(modelDir, "v" + version.version() + "-", ".part");
            try {
                Optional<String> actual = registry.downloadArtifact(version.name(), version.version(), partial);
                if (actual.isEmpty()) {
                    throw new LoadFailure(LoadFailure.Reason.VERSION_MISSING,
                            "the registry has no artifact for " + version.name() + " v" + version.version(), null);
                }
                if (!expected.equals(actual.get())) {
                    throw new LoadFailure(LoadFailure.Reason.CORRUPT_ARTIFACT, "artifact of " + version.name() + " v"
                            + version.version() + " has sha256 " + actual.get() + ", the registry says " + expected, null);
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return file;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (RegistryUnavailableException e) {
            throw new LoadFailure(LoadFailure.Reason.REGISTRY_UNAVAILABLE, e.getMessage(), e);
        } catch (IOException e) {
            throw new LoadFailure(LoadFailure.Reason.REGISTRY_UNAVAILABLE,
                    "cannot write the artifact cache at " + modelDir + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
