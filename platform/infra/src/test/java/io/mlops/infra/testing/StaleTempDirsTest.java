package io.mlops.infra.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTempDirsTest {

    @TempDir
    Path tmp;

    @Test
    void onlyOldUnlockedDirectoriesOfTestServersAreDeleted() throws Exception {
        Path deadBroker = kafkaDir("mlops-kafka-dead", true);
        Path liveBroker = kafkaDir("mlops-kafka-live", true);
        Path youngBroker = kafkaDir("mlops-kafka-young", false);
        Path emptyPostgres = aged(Files.createDirectories(tmp.resolve("mlops-pg-empty")));
        Path runningPostgres = Files.createDirectories(tmp.resolve("mlops-pg-running"));
        Files.writeString(runningPostgres.resolve("postmaster.pid"), "12345\n");
        aged(runningPostgres);
        Path unrelated = aged(Files.createDirectories(tmp.resolve("something-else")));

        try (RandomAccessFile lockFile = new RandomAccessFile(liveBroker.resolve("kraft-logs/.lock").toFile(), "rw");
             FileLock held = lockFile.getChannel().lock()) {
            StaleTempDirs.clean(tmp);
        }

        assertFalse(Files.exists(deadBroker));
        assertFalse(Files.exists(emptyPostgres));
        assertTrue(Files.exists(liveBroker), "its broker still holds the lock");
        assertTrue(Files.exists(youngBroker), "may still be starting");
        assertTrue(Files.exists(runningPostgres), "a server may still run on it");
        assertTrue(Files.exists(unrelated));
    }

    private Path kafkaDir(String name, boolean old) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("kraft-logs"));
        Files.writeString(dir.resolve(".lock"), "");
        return old ? aged(dir.getParent()) : dir.getParent();
    }

    private static Path aged(Path dir) throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return dir;
    }
}
