package io.mlops.cli.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Polls several starting processes until each is ready, one of them dies, or time runs out.
 *
 * <p>A process that exits is reported at once instead of after the full timeout: a service that
 * cannot bind its port or reach its database usually fails within seconds, and its log says why.
 */
public final class ReadinessWaiter {

    /** Something to wait for: a readiness check and the process that should become ready. */
    public record Target(String name, BooleanSupplier ready, ProcessHandle process) {
    }

    public enum State { STARTING, READY, EXITED, TIMED_OUT }

    /** What became of each target, in the order given, and how long the ready ones took. */
    public record Result(Map<String, State> states, Map<String, Duration> took) {

        public boolean allReady() {
            return states.values().stream().allMatch(s -> s == State.READY);
        }

        public List<String> failed() {
            return states.entrySet().stream().filter(e -> e.getValue() != State.READY).map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** Told about progress, from the waiting thread. */
    public interface Listener {
        /** Called after every polling round with the state of every target. */
        default void progress(Map<String, State> states, Duration elapsed) {
        }

        default void ready(String name, Duration took) {
        }
    }

    private final Duration pollInterval;

    public ReadinessWaiter(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Result await(List<Target> targets, Duration timeout, Listener listener) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, State> states = new LinkedHashMap<>();
        Map<String, Duration> took = new LinkedHashMap<>();
        targets.forEach(t -> states.put(t.name(), State.STARTING));
        List<Target> pending = new ArrayList<>(targets);

        while (true) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Target target = it.next();
                if (target.ready().getAsBoolean()) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    states.put(target.name(), State.READY);
                    took.put(target.name(), elapsed);
                    listener.ready(target.name(), elapsed);
                    it.remove();
                } else if (!target.process().isAlive()) {
                    states.put(target.name(), State.EXITED);
                    return result(states, took);
                }
            }
            listener.progress(ordered(states), Duration.ofNanos(System.nanoTime() - start));
            if (pending.isEmpty()) {
                return result(states, took);
            }
            if (System.nanoTime() >= deadline) {
                pending.forEach(t -> states.put(t.name(), State.TIMED_OUT));
                return result(states, took);
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private static Result result(Map<String, State> states, Map<String, Duration> took) {
        return new Result(ordered(states), ordered(took));
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
