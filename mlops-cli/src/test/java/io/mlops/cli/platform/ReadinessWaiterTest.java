package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessWaiterTest {

    private final ReadinessWaiter waiter = new ReadinessWaiter(Duration.ofMillis(10));

    @Test
    void waitsUntilEveryTargetIsReadyAndReportsEachOnce() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        List<String> readyEvents = new ArrayList<>();
        List<ReadinessWaiter.Target> targets = List.of(
                new ReadinessWaiter.Target("fast", () -> true, ProcessHandle.current()),
                new ReadinessWaiter.Target("slow", () -> polls.incrementAndGet() >= 3, ProcessHandle.current()));

        ReadinessWaiter.Result result = waiter.await(targets, Duration.ofSeconds(5), new ReadinessWaiter.Listener() {
            @Override
            public void ready(String name, Duration took) {
                readyEvents.add(name);
            }
        });

        assertTrue(result.allReady());
        assertEquals(List.of("fast", "slow"), readyEvents);
        assertEquals(List.of("fast", "slow"), List.copyOf(result.took().keySet()));
        assertEquals(3, polls.get());
    }

    @Test
    void givesUpAfterTheTimeout() throws InterruptedException {
        List<ReadinessWaiter.Target> targets = List.of(
                new ReadinessWaiter.Target("ok", () -> true, ProcessHandle.current()),
                new ReadinessWaiter.Target("never", () -> false, ProcessHandle.current()));

        ReadinessWaiter.Result result = waiter.await(targets, Duration.ofMillis(100), new ReadinessWaiter.Listener() { });

        assertFalse(result.allReady());
        assertEquals(Map.of("ok", ReadinessWaiter.State.READY, "never", ReadinessWaiter.State.TIMED_OUT),
                result.states());
        assertEquals(List.of("never"), result.failed());
    }

    @Test
    void stopsAtOnceWhenAProcessExits() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        long start = System.nanoTime();

        ReadinessWaiter.Result result = waiter.await(
                List.of(new ReadinessWaiter.Target("crashing", () -> false, exited.toHandle())),
                Duration.ofSeconds(30), new ReadinessWaiter.Listener() { });

        assertEquals(ReadinessWaiter.State.EXITED, result.states().get("crashing"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    }
}
