package io.mlops.registry.artifact;

import io.mlops.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Artifacts as files under one root directory. A write goes to a temporary file in the same
 * directory and is renamed into place only when complete, so a reader never sees half a file and
 * a failed or oversized upload leaves nothing.
 */
@ApplicationScoped
public class FilesystemArtifactStore implements ArtifactStore {

    private static final int BUFFER = 64 * 1024;
    /** A directory removed under an upload this many times in a row is not a race but a fault. */
    private static final int MAX_DIRECTORY_ATTEMPTS = 5;

    private final Path root;
    /** Uploads creating a file (shared) against deletes removing an emptied directory (exclusive). */
    private final ReadWriteLock directories = new ReentrantReadWriteLock();

    public FilesystemArtifactStore(RegistryConfig config) {
        this.root = config.artifacts().dir().toAbsolutePath().normalize();
    }

    @Override
    public StoredArtifact put(String key, InputStream content, long maxBytes) throws IOException {
        Path target = resolve(key);
        Path partial = target.resolveSibling(".partial-" + UUID.randomUUID());
        MessageDigest digest = sha256();
        long size = 0;
        try {
            try (OutputStream out = new DigestOutputStream(createInFreshDirectory(partial), digest)) {
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

    /**
     * Creates the file and its directory. Deleting a directory's last artifact removes the
     * directory, which must not happen between creating it and creating the file in it (once the
     * file exists the directory is not empty, so it stays). In this process the two exclude each
     * other; a replica sharing the directory can still remove it, and then it is created again.
     */
    private OutputStream createInFreshDirectory(Path file) throws IOException {
        directories.readLock().lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Files.createDirectories(file.getParent());
                    return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (NoSuchFileException | FileAlreadyExistsException e) {
                    // FileAlreadyExists: createDirectories found the directory, which was gone when it checked it.
                    if (attempt == MAX_DIRECTORY_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            directories.readLock().unlock();
        }
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
        directories.writeLock().lock();
        try {
            if (!dir.equals(root) && Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        Files.deleteIfExists(dir);
                    }
                }
            }
        } catch (IOException e) {
            // Another replica's upload may have just written into it; an empty directory left behind is harmless.
        } finally {
            directories.writeLock().unlock();
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
