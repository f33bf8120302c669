package io.mlops.monitor.stream.messaging;

import io.mlops.monitor.stream.service.Checkpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Commits checkpoints on a thread of their own, at most one at a time, so the stream reads and
 * applies the next records while PostgreSQL writes the last ones (the writes took about half of the
 * stream thread's time when it waited for them). Commits keep their order: a checkpoint is handed
 * over only once the one before it is durable, and a failed commit is reported to the stream
 * thread, which then restores from the last durable checkpoint as it always did.
 * Only the stream thread calls this.
 */
final class BackgroundCommit implements AutoCloseable {

    /** The commit of one checkpoint, run on the commit thread. */
    @FunctionalInterface
    interface Commit {
        void run(Checkpoint checkpoint);
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "drift-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Checkpoint> inFlight;

    /**
     * Starts committing a checkpoint after waiting for the one in flight.
     *
     * @return the checkpoint that was in flight and is now durable, or {@code null}
     * @throws IllegalStateException when the commit in flight failed; the new one is then not started
     */
    Checkpoint submit(Checkpoint checkpoint, Commit commit) {
        Checkpoint done = await();
        inFlight = CompletableFuture.supplyAsync(() -> {
            commit.run(checkpoint);
            return checkpoint;
        }, thread);
        return done;
    }

    /** Whether a commit is still being written. */
    boolean busy() {
        return inFlight != null && !inFlight.isDone();
    }

    /**
     * The checkpoint in flight once it is durable, without waiting: {@code null} while it is still
     * being written or when none is in flight.
     *
     * @throws IllegalStateException when its commit failed
     */
    Checkpoint finished() {
        return inFlight != null && inFlight.isDone() ? await() : null;
    }

    /**
     * Waits for the checkpoint in flight.
     *
     * @return it once durable, or {@code null} when none was in flight
     * @throws IllegalStateException when its commit failed
     */
    Checkpoint await() {
        CompletableFuture<Checkpoint> f = inFlight;
        if (f == null) {
            return null;
        }
        inFlight = null;
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a checkpoint was being committed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    /** Waits for the checkpoint in flight whatever its outcome (before reading state back from the database). */
    void settle() {
        try {
            await();
        } catch (RuntimeException e) {
            // The restore that follows reads what is durable; a failed commit simply is not.
        }
    }

    /** Stops the commit thread once the commit in flight, if any, has ended (call {@link #settle} first). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
