package io.mlops.monitor.stream.service;

import io.mlops.common.outbox.Outbox;
import io.mlops.common.outbox.OutboxFlusher;
import io.mlops.events.CloudEvent;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.monitor.alert.repository.AlertRepository;
import io.mlops.monitor.alert.service.AlertDecision;
import io.mlops.monitor.alert.service.AlertPolicy;
import io.mlops.monitor.alert.service.SubjectState;
import io.mlops.monitor.drift.repository.WindowResultRepository;
import io.mlops.monitor.labels.service.LabelJoiner;
import io.mlops.monitor.labels.service.LabelledRow;
import io.mlops.monitor.metrics.DriftMetrics;
import io.mlops.monitor.performance.service.PerformanceTracker;
import io.mlops.monitor.stream.repository.StreamStateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Commits a checkpoint in one database transaction: the label join, window results, alerts (into
 * the outbox, so an alert committed with its window is never lost), hysteresis state, and the
 * consumer positions and replay points. Either all of it is durable or none, which is what makes a
 * restart neither lose nor double-count a prediction.
 */
@ApplicationScoped
public class CheckpointWriter {

    private static final Logger LOG = Logger.getLogger(CheckpointWriter.class);
    private static final String ACTOR = "drift-monitor";
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(15);

    private final LabelJoiner labels;
    private final PerformanceTracker performance;
    private final WindowResultRepository results;
    private final AlertRepository alertRepository;
    private final AlertPolicy alerts;
    private final StreamStateRepository state;
    private final Outbox outbox;
    private final OutboxFlusher flusher;
    private final DriftMetrics metrics;

    public CheckpointWriter(LabelJoiner labels, PerformanceTracker performance, WindowResultRepository results,
                            AlertRepository alertRepository, AlertPolicy alerts, StreamStateRepository state,
                            Outbox outbox, OutboxFlusher flusher, DriftMetrics metrics) {
        this.labels = labels;
        this.performance = performance;
        this.results = results;
        this.alertRepository = alertRepository;
        this.alerts = alerts;
        this.state = state;
        this.outbox = outbox;
        this.flusher = flusher;
        this.metrics = metrics;
    }

    public void commit(Checkpoint cp, String cluster, String group, Collection<Integer> predictionPartitions) {
        awaitDeadLetters(cp.deadLetters());
        Instant now = Instant.now();
        List<AlertDecision> raised = new ArrayList<>(cp.alerts());
        QuarkusTransaction.requiringNew().run(() -> {
            // Everything here is recomputed by replay if a database crash loses the last commits (positions
            // are lost with them), so the checkpoint need not wait for the WAL flush.
            state.relaxDurabilityOfThisTransaction();
            List<LabelledRow> joined = labels.join(cp.pending(), cp.feedback(), now);
            raised.addAll(performance.onJoined(joined, now));
            results.insert(cp.results());
            alertRepository.insert(raised, now);
            for (AlertDecision d : raised) {
                outbox.append(Topics.DRIFT_ALERTS, d.alert().model(),
                        CloudEvent.of(Sources.DRIFT_MONITOR, d.type(), d.alert().model(), ACTOR, d.alert()));
            }
            List<SubjectState> states = new ArrayList<>(cp.alertStates());
            states.addAll(alerts.takePerformanceDirty());
            alertRepository.saveStates(states, now);
            state.save(cluster, group, cp.positions(), predictionPartitions, cp.openWindows(), cp.previousWindows());
        });
        if (!raised.isEmpty()) {
            // Alerts are committed; publish them now rather than at the relay's next poll.
            flusher.flushSoon();
            raised.forEach(d -> LOG.infof("Alert %s: %s v%d %s %s", d.type().type(), d.alert().model(),
                    d.alert().version(), d.alert().scope().wireName(),
                    d.alert().metric() != null ? d.alert().metric() + "=" + d.alert().value() : d.alert().features()));
        }
        long done = System.nanoTime();
        cp.closedAtNanos().forEach(closed -> metrics.published(Duration.ofNanos(done - closed)));
    }

    private static void awaitDeadLetters(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + DEAD_LETTER_TIMEOUT.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for dead-letter acknowledgements", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a dead-letter record was not acknowledged: " + e.getMessage(), e);
            }
        }
    }
}
