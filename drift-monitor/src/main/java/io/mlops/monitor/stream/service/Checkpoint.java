package io.mlops.monitor.stream.service;

import io.mlops.events.inference.Feedback;
import io.mlops.monitor.alert.service.AlertDecision;
import io.mlops.monitor.alert.service.SubjectState;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.labels.service.PendingPrediction;
import io.mlops.monitor.stream.repository.OpenWindowRow;
import io.mlops.monitor.stream.repository.PreviousWindowRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the stream produced since the last commit, committed as one unit: window results and their
 * alerts, predictions and labels to join, and the positions and replay points that cover them.
 */
public final class Checkpoint {

    final List<WindowResult> results = new ArrayList<>();
    final List<Long> closedAtNanos = new ArrayList<>();
    final List<AlertDecision> alerts = new ArrayList<>();
    final List<PendingPrediction> pending = new ArrayList<>();
    final List<Feedback> feedback = new ArrayList<>();
    final List<Future<RecordMetadata>> deadLetters = new ArrayList<>();
    Map<TopicPartition, Long> positions = Map.of();
    List<OpenWindowRow> openWindows = List.of();
    List<PreviousWindowRow> previousWindows = List.of();
    List<SubjectState> alertStates = List.of();

    public List<WindowResult> results() {
        return results;
    }

    public List<Long> closedAtNanos() {
        return closedAtNanos;
    }

    public List<AlertDecision> alerts() {
        return alerts;
    }

    public List<PendingPrediction> pending() {
        return pending;
    }

    public List<Feedback> feedback() {
        return feedback;
    }

    public List<Future<RecordMetadata>> deadLetters() {
        return deadLetters;
    }

    /** Next offset to read per partition, once this checkpoint is committed. */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    public List<OpenWindowRow> openWindows() {
        return openWindows;
    }

    /** Where each version's last closed window started, while a duplicate of its events may still come. */
    public List<PreviousWindowRow> previousWindows() {
        return previousWindows;
    }

    /** Hysteresis states changed by this checkpoint's windows. */
    public List<SubjectState> alertStates() {
        return alertStates;
    }

    /** Items held in memory; a large checkpoint is committed early to bound memory. */
    public int size() {
        return results.size() + pending.size() + feedback.size() + deadLetters.size();
    }

    void addResult(WindowResult result, long closedNanos) {
        results.add(result);
        closedAtNanos.add(closedNanos);
    }
}
