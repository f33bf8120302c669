package io.mlops.infra.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system helpers for the launchers' data directories. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it; best effort, since it runs during shutdown. */
    /** Creates the directory and its parents, or fails saying which one could not be made. */
    public static void create(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new io.mlops.infra.InfraStartException("Cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(Directories::deleteFile);
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp directory is not worth failing a shutdown for
        }
    }

    private static void deleteFile(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // see deleteQuietly
        }
    }
}
