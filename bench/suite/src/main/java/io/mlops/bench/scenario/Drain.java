package io.mlops.bench.scenario;

import io.mlops.bench.platform.Scrape;
import java.time.Duration;

/** Waits until a service's counter has moved by a number of units and says how long that took. */
final class Drain {

    private Drain() {
    }

    /** Rate in units/s between the first movement of the counter and it reaching {@code before + units}. */
    static Result await(String baseUrl, String metric, double before, long units, Duration timeout, String... labels)
            throws InterruptedException {
        return awaitAfterWarmup(baseUrl, metric, before, 0, units, timeout, Duration.ofMillis(20), () -> { }, labels)
                .whole();
    }

    /**
     * Like {@link #await}, for a backlog whose first {@code warmup} units are processed by a freshly
     * started JVM while it compiles its hot paths: one rate over the whole backlog and one from the
     * scrape at which the warm-up was done. Scraped every {@code every}, because scraping costs the
     * service CPU; the rates use the scrapes' own times and values, so the interval costs no accuracy.
     *
     * @param atWarm run once, at the scrape that finds the warm-up done (to start measuring CPU there)
     */
    static Phases awaitAfterWarmup(String baseUrl, String metric, double before, long warmup, long units,
                                   Duration timeout, Duration every, Runnable atWarm, String... labels)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstMove = 0;
        double atFirstMove = before;
        long warm = 0;
        double valueAtWarm = before;
        while (System.nanoTime() < deadline) {
            double now = zeroIfNaN(Scrape.sum(baseUrl, metric, labels));
            long at = System.nanoTime();
            if (firstMove == 0 && now > before) {
                firstMove = at;
                atFirstMove = now;
            }
            if (warm == 0 && now - before >= warmup) {
                warm = at;
                valueAtWarm = now;
                atWarm.run();
            }
            if (now - before >= warmup + units) {
                return new Phases(new Result(at, firstMove, (now - atFirstMove) / seconds(at - firstMove)),
                        new Result(at, warm, (now - valueAtWarm) / seconds(at - warm)));
            }
            Thread.sleep(every.toMillis());
        }
        throw new IllegalStateException(metric + " moved by " + (zeroIfNaN(Scrape.sum(baseUrl, metric, labels)) - before)
                + " of " + (warmup + units) + " within " + timeout.toSeconds() + " s");
    }

    private static double seconds(long nanos) {
        return Math.max(nanos / 1e9, 1e-3);
    }

    static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** @param unitsPerSecond measured from the first movement, so start-up and the first poll are not counted */
    record Result(long doneNanos, long firstMoveNanos, double unitsPerSecond) {
    }

    /**
     * @param whole       from the first movement to the end of the backlog, warm-up included
     * @param afterWarmup from the end of the warm-up to the end of the backlog
     */
    record Phases(Result whole, Result afterWarmup) {
    }
}
