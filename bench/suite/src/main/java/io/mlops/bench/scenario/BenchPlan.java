package io.mlops.bench.scenario;

import java.time.Duration;

/**
 * How hard and how long each benchmark runs.
 *
 * @param warmup        open-loop warm-up before each measured run (not recorded)
 * @param measure       length of each measured open-loop run
 * @param httpRate      arrival rate for online lookup, OIP infer and predict (req/s)
 * @param aliasRate     arrival rate for registry alias resolution (req/s)
 * @param searchRate    arrival rate for version search (req/s)
 * @param connections   keep-alive connections the load generator may open
 * @param inFlight      requests kept outstanding when finding the maximum throughput
 * @param driftWarmup   prediction events the freshly started drift monitor processes before the clock starts
 * @param driftEvents   prediction events timed after the warm-up
 * @param ingestRows    feature rows streamed through Kafka
 * @param alertWindows  windows whose close-to-alert time is measured
 */
public record BenchPlan(Duration warmup, Duration measure, double httpRate, double aliasRate, double searchRate,
                        int connections, int inFlight, int driftWarmup, int driftEvents, int ingestRows, int alertWindows) {

    public static BenchPlan full() {
        return new BenchPlan(Duration.ofSeconds(10), Duration.ofSeconds(30), 2000, 1000, 50, 64, 32,
                500_000, 500_000, 200_000, 101);
    }

    /** A smoke-sized run: every path exercised, figures too short to quote. */
    public static BenchPlan quick() {
        return new BenchPlan(Duration.ofSeconds(2), Duration.ofSeconds(4), 500, 300, 20, 32, 16,
                10_000, 20_000, 20_000, 9);
    }
}
