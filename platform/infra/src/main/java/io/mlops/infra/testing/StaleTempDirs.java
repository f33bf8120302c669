package io.mlops.infra.testing;

import io.mlops.infra.postgres.PostgresServer;
import io.mlops.infra.support.Directories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes the temporary data directories of test servers whose JVM was killed: the broker and
 * the PostgreSQL server then stop by themselves, but nothing is left to delete their data. A
 * directory goes only when it is old and nothing holds its lock, so a server of another test
 * JVM that is still running, or still starting, is never touched.
 */
final class StaleTempDirs {

    static final String KAFKA_PREFIX = "mlops-kafka-";
    static final String POSTGRES_PREFIX = PostgresServer.TEMP_DIR_PREFIX;

    private static final Duration MIN_AGE = Duration.ofMinutes(10);

    private StaleTempDirs() {
    }

    static void clean(Path tempRoot) {
        for (Path dir : list(tempRoot)) {
            String name = dir.getFileName().toString();
            if (!isOld(dir)) {
                continue;
            }
            if (name.startsWith(KAFKA_PREFIX) && unlocked(dir.resolve("kraft-logs").resolve(".lock"))) {
                Directories.deleteQuietly(dir);
            } else if (name.startsWith(POSTGRES_PREFIX) && !Files.exists(dir.resolve("postmaster.pid"))
                    && unlocked(dir.resolve("epg-lock"))) {
                Directories.deleteQuietly(dir);
            }
        }
    }

    private static List<Path> list(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().startsWith(KAFKA_PREFIX)
                            || d.getFileName().toString().startsWith(POSTGRES_PREFIX))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isOld(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(MIN_AGE));
        } catch (IOException e) {
            return false;
        }
    }

    /** True if the lock file is absent or nobody holds a lock on it. */
    private static boolean unlocked(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().tryLock()) {
            return lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }
}
