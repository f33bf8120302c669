package io.mlops.common.outbox;

/** Fired when a transaction wrote an event to the outbox; observed after commit to relay it at once. */
public record OutboxAppended(String topic) {
}
