package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackALiveProcess() throws IOException {
        PidFile file = new PidFile(dir.resolve("run/kafka.pid"));
        file.write(ProcessHandle.current());

        assertEquals(ProcessHandle.current().pid(), file.pid().orElseThrow());
        assertEquals(ProcessHandle.current().pid(), file.liveProcess().orElseThrow().pid());
        assertFalse(file.isStale());
    }

    @Test
    void aProcessThatExitedMakesTheFileStale() throws Exception {
        Process process = new ProcessBuilder("true").start();
        PidFile file = new PidFile(dir.resolve("model-registry.pid"));
        file.write(process.toHandle());
        assertEquals(0, process.waitFor());

        assertEquals(process.pid(), file.pid().orElseThrow());
        assertTrue(file.liveProcess().isEmpty());
        assertTrue(file.isStale());
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsNotTheRecordedProcess() throws IOException {
        Path path = dir.resolve("postgres.pid");
        // The pid of a live process, but recorded with a start time long before it began.
        Files.writeString(path, ProcessHandle.current().pid() + "\n" + 1_000L + "\n");

        assertTrue(new PidFile(path).liveProcess().isEmpty());
        assertTrue(new PidFile(path).isStale());
    }

    @Test
    void aFileWithOnlyAPidIsTrustedForALiveProcess() throws IOException {
        Path path = dir.resolve("kafka.pid");
        Files.writeString(path, ProcessHandle.current().pid() + "\n");

        assertTrue(new PidFile(path).liveProcess().isPresent());
    }

    @Test
    void missingOrGarbledFilesHoldNoProcess() throws IOException {
        PidFile missing = new PidFile(dir.resolve("none.pid"));
        assertTrue(missing.pid().isEmpty());
        assertFalse(missing.isStale());

        Path garbled = dir.resolve("garbled.pid");
        Files.writeString(garbled, "not a pid\n");
        assertTrue(new PidFile(garbled).pid().isEmpty());
        assertTrue(new PidFile(garbled).isStale());
    }

    @Test
    void deleteRemovesTheFileAndIsIdempotent() throws IOException {
        PidFile file = new PidFile(dir.resolve("feature-store.pid"));
        file.write(ProcessHandle.current());
        file.delete();
        file.delete();

        assertFalse(file.exists());
    }
}
