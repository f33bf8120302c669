package io.mlops.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Where model artifacts live. Keys are chosen by the registry (never by a client) and each key is
 * written once. Implementations: {@link FilesystemArtifactStore}; an object store can follow behind
 * the same interface.
 */
public interface ArtifactStore {

    /**
     * Streams {@code content} into a new object under {@code key}, computing its SHA-256 and size on
     * the way. Nothing is left behind when it fails, including when the content exceeds
     * {@code maxBytes} ({@link ArtifactTooLargeException}).
     */
    StoredArtifact put(String key, InputStream content, long maxBytes) throws IOException;

    /** Opens a stored object for reading; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /**
     * A local file holding the object, for libraries that read from a path (ONNX Runtime). A
     * remote store would download to a temporary file here.
     */
    Path localPath(String key) throws IOException;

    /** Removes an object; removing a missing one is not an error. */
    void delete(String key) throws IOException;

    /**
     * Removes an object after the fact (its version is gone or was never committed), logging a
     * failure instead of throwing: the change it cleans up after has happened, and the orphan
     * sweep removes whatever is left.
     *
     * @param whose what the object belonged to, for the log line
     */
    default void deleteQuietly(String key, String whose) {
        try {
            delete(key);
        } catch (IOException | RuntimeException e) {
            Logger.getLogger(ArtifactStore.class).warnf("Could not remove artifact %s of %s: %s", key, whose, e.getMessage());
        }
    }

    boolean exists(String key);

    /**
     * Keys of objects last written before {@code before}, and of unfinished writes from before
     * then (which {@link #put} leaves only when the process died mid-way), for the orphan sweep.
     */
    List<String> writtenBefore(Instant before) throws IOException;
}
