package io.mlops.cli.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process politely: SIGTERM so it can shut down gracefully (Quarkus drains requests,
 * Kafka closes its logs cleanly, PostgreSQL checkpoints), then SIGKILL if it takes too long.
 */
public final class ProcessStopper {

    /** How a stop went. */
    public enum Outcome {
        /** It exited after SIGTERM. */
        STOPPED,
        /** It ignored SIGTERM for the whole grace period and was killed. */
        KILLED,
        /** It had already gone. */
        NOT_RUNNING
    }

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private ProcessStopper() {
    }

    /** Sends SIGTERM and returns at once (false if the process had already gone); pair with {@link #awaitOrKill}. */
    public static boolean requestStop(ProcessHandle process) {
        return process.isAlive() && process.destroy();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. */
    public static Outcome stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return Outcome.NOT_RUNNING;
        }
        requestStop(process);
        return awaitOrKill(process, grace);
    }

    /**
     * Waits for a process already asked to stop; kills it (and then asks its children, such as
     * PostgreSQL's server processes, to stop) when the grace period runs out.
     */
    public static Outcome awaitOrKill(ProcessHandle process, Duration grace) {
        if (waitFor(process, grace)) {
            return Outcome.STOPPED;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        waitFor(process, AFTER_KILL);
        children.forEach(ProcessHandle::destroy);
        return Outcome.KILLED;
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
