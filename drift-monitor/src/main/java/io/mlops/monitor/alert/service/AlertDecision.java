package io.mlops.monitor.alert.service;

import io.mlops.events.EventType;
import io.mlops.events.drift.DriftAlert;

/** An alert to record and publish: its event type and the alert JSON. */
public record AlertDecision(EventType type, DriftAlert alert) {
}
