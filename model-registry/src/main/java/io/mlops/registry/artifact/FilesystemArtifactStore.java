package io.mlops.registry.artifact;

import io.mlops.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Artifacts as files under one root directory. A write goes to a temporary file in the same
 * directory and is renamed into place only when complete, so a reader never sees half a file and
 * a failed or oversized upload leaves nothing.
 */
@ApplicationScoped
public class FilesystemArtifactStore implements ArtifactStore {

    private static final int BUFFER = 64 * 1024;

    private final Path root;

    public FilesystemArtifactStore(RegistryConfig config) {
        this.root = config.artifacts().dir().toAbsolutePath().normalize();
    }

    @Override
    public StoredArtifact put(String key, InputStream content, long maxBytes) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(".partial-" + UUID.randomUUID());
        MessageDigest digest = sha256();
        long size = 0;
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                byte[] buffer = new byte[BUFFER];
                int read;
                while ((read = content.read(buffer)) != -1) {
                    size += read;
                    if (size > maxBytes) {
                        throw new ArtifactTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            move(partial, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return new StoredArtifact(key, HexFormat.of().formatHex(digest.digest()), size);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public Path localPath(String key) {
        return resolve(key);
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        Path dir = file.getParent();
        try {
            if (!dir.equals(root) && Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        Files.deleteIfExists(dir);
                    }
                }
            }
        } catch (IOException e) {
            // Another upload may have just written into it; an empty directory left behind is harmless.
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> writtenBefore(Instant before) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> modifiedBefore(f, before))
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
        }
    }

    private static boolean modifiedBefore(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    /** The root directory, for operators and health output. */
    public Path root() {
        return root;
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Artifact key escapes the store: " + key);
        }
        return path;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
