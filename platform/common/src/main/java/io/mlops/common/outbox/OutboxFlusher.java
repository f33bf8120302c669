package io.mlops.common.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a service publish its outbox right after a commit instead of at the relay's next poll (the
 * scheduler cannot poll faster than once a second). Requests coalesce: while a flush is queued,
 * further requests add nothing. The relay's advisory lock still serialises passes across replicas,
 * so order and at-least-once delivery are unchanged.
 */
@Singleton
public class OutboxFlusher {

    private final OutboxRelay relay;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-flush");
        t.setDaemon(true);
        return t;
    });

    public OutboxFlusher(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Call after the transaction that appended events has committed. */
    public void flushSoon() {
        if (queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                relay.relay();
            });
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
