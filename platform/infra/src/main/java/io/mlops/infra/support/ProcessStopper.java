package io.mlops.infra.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops a child process politely first (SIGTERM), then forcibly if it does not finish in time. */
public final class ProcessStopper {

    private static final Duration FORCED_WAIT = Duration.ofSeconds(10);

    private ProcessStopper() {
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for the process to exit, then sends SIGKILL.
     *
     * @return true if the process exited within the grace period, false if it had to be killed
     */
    public static boolean stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (waitFor(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        waitFor(process, FORCED_WAIT);
        return false;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
