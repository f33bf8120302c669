package io.mlops.cli.autopilot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Watches a model's alerts through the drift monitor's API, which lists what it publishes on
 * {@code mlops.drift.alerts.v1} (so the CLI needs no Kafka client and sees alerts raised while it
 * was not running).
 */
public final class AlertSource {

    private final MonitorApi monitor;
    private final String model;
    private final Report report;
    private final Duration poll;

    public AlertSource(MonitorApi monitor, String model, Report report, Duration poll) {
        this.monitor = monitor;
        this.model = model;
        this.report = report;
        this.poll = poll;
    }

    /**
     * The newest open alert on the current champion raised at or after {@code notBefore}: one open
     * already, or the next one raised within {@code timeout}.
     */
    public Optional<Alert> next(IntSupplier champion, Instant notBefore, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int version = champion.getAsInt();
            Optional<Alert> open = OpenAlerts.newestOpen(monitor.alerts(model, notBefore), version, notBefore);
            if (open.isPresent() || System.nanoTime() >= deadline) {
                return open;
            }
            report.waiting("watching alerts on " + model + " v" + version + " (drift detected, performance degraded)");
            Thread.sleep(poll.toMillis());
        }
    }
}
