package io.mlops.cli.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProcessStopperTest {

    private final List<ProcessHandle> started = new ArrayList<>();

    private ProcessHandle start(String... command) throws Exception {
        ProcessHandle process = new ProcessBuilder(command).start().toHandle();
        started.add(process);
        return process;
    }

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void aProcessThatHonoursSigtermIsStopped() throws Exception {
        ProcessHandle sleeper = start("sleep", "60");

        assertEquals(ProcessStopper.Outcome.STOPPED, ProcessStopper.stop(sleeper, Duration.ofSeconds(10)));
        assertFalse(sleeper.isAlive());
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        ProcessHandle stubborn = start("bash", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done");
        Thread.sleep(300); // let bash install the trap

        assertEquals(ProcessStopper.Outcome.KILLED, ProcessStopper.stop(stubborn, Duration.ofMillis(300)));
        assertFalse(stubborn.isAlive());
    }

    @Test
    void aProcessAlreadyGoneIsReportedAsSuch() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertEquals(ProcessStopper.Outcome.NOT_RUNNING, ProcessStopper.stop(done.toHandle(), Duration.ofSeconds(1)));
    }
}
