package io.mlops.infra.postgres;

import io.mlops.infra.InfraStartException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Cleans up after a server whose launcher died without stopping it. The PostgreSQL server runs
 * detached from the JVM that started it, so a JVM killed with SIGKILL leaves it running (an
 * orphan holding the data directory and the port), and a server killed itself leaves a
 * {@code postmaster.pid} that PostgreSQL refuses to ignore when its pid has been reused.
 *
 * <p>The data directory's {@code epg-lock} file lock (held by whichever JVM owns the server, and
 * released by the OS when that JVM dies) tells an orphan from a server still in use.
 */
final class StalePostmaster {

    static final String OWNER_LOCK_FILE = "epg-lock";

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private StalePostmaster() {
    }

    /**
     * Makes {@code dataDir} startable: stops an orphaned server running on it, or deletes a
     * {@code postmaster.pid} whose process is gone or is not PostgreSQL.
     *
     * @throws InfraStartException if a live JVM still owns the data directory
     */
    static void clear(Path dataDir) {
        Path pidFile = dataDir.resolve(Postmaster.PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoOwner(dataDir);
        Optional<ProcessHandle> orphan = Postmaster.pidOf(dataDir).flatMap(Postmaster::livePostgres);
        if (orphan.isPresent()) {
            Postmaster.stop(orphan.get(), STOP_GRACE);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new InfraStartException("Cannot delete the stale " + pidFile + ": " + e.getMessage(), e);
        }
    }

    private static void requireNoOwner(Path dataDir) {
        Path lockFile = dataDir.resolve(OWNER_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().tryLock()) {
            if (lock == null) {
                throw inUse(dataDir);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        } catch (IOException e) {
            throw new InfraStartException("Cannot check the lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static InfraStartException inUse(Path dataDir) {
        return new InfraStartException("The PostgreSQL data directory " + dataDir
                + " is in use by a running server of another process; stop that one first.");
    }
}
