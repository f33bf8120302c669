package io.mlops.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay publishes committed events to Kafka. */
@ConfigMapping(prefix = "mlops.outbox")
public interface OutboxConfig {

    /** Whether this replica relays events. Writing to the outbox works either way. */
    @WithDefault("true")
    boolean enabled();

    /** Most events published per relay pass; bounds how long one pass holds its lock. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long a pass waits for the broker's acknowledgements before it gives up and retries.
     * Longer than the producer's delivery timeout (15 s), so the relay never abandons a record the
     * producer may still deliver.
     */
    @WithDefault("20s")
    Duration sendTimeout();

    /** Sent events are kept this long for inspection, then deleted. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * How often the relay looks for unsent events it was not woken for (a commit wakes it at once;
     * this catches what was committed while Kafka was down). Read by the scheduler as
     * {@code mlops.outbox.poll-interval}, which supports whole seconds; declared here so it is
     * documented with the rest.
     */
    @WithDefault("1s")
    String pollInterval();
}
