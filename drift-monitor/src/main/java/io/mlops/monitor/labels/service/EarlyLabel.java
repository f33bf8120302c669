package io.mlops.monitor.labels.service;

import java.time.Instant;

/** A label that arrived before its prediction. */
public record EarlyLabel(String predictionId, String label, Instant labelledAt, Instant receivedAt) {
}
