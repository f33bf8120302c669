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
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstMove = 0;
        double atFirstMove = before;
        while (System.nanoTime() < deadline) {
            double now = zeroIfNaN(Scrape.sum(baseUrl, metric, labels));
            if (firstMove == 0 && now > before) {
                firstMove = System.nanoTime();
                atFirstMove = now;
            }
            if (now - before >= units) {
                long done = System.nanoTime();
                return new Result(done, firstMove, (now - atFirstMove) / Math.max((done - firstMove) / 1e9, 1e-3));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(metric + " moved by " + (zeroIfNaN(Scrape.sum(baseUrl, metric, labels)) - before)
                + " of " + units + " within " + timeout.toSeconds() + " s");
    }

    static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** @param unitsPerSecond measured from the first movement, so start-up and the first poll are not counted */
    record Result(long doneNanos, long firstMoveNanos, double unitsPerSecond) {
    }
}
