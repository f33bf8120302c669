package io.mlops.common.outbox;

import jakarta.inject.Singleton;

/**
 * Asks for the outbox to be published now rather than at the relay's next poll. Commits that go
 * through {@link Outbox#append} already wake the relay by themselves; this is for writers that put
 * rows in the outbox table another way (e.g. batched SQL). Requests coalesce with the relay's own.
 */
@Singleton
public class OutboxFlusher {

    private final OutboxRelay relay;

    public OutboxFlusher(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Call after the transaction that appended events has committed. */
    public void flushSoon() {
        relay.relaySoon();
    }
}
