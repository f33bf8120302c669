package io.mlops.common.outbox;

import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the same database transaction as the change it describes. Requiring an
 * active transaction makes "change committed but event lost" impossible by construction; the
 * {@link OutboxRelay} publishes it after commit.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final Event<OutboxAppended> appended;

    public Outbox(OutboxRepository repository, Event<OutboxAppended> appended) {
        this.repository = repository;
        this.appended = appended;
    }

    /**
     * Largest event payload, in UTF-8 bytes: under Kafka's default record limits (the producer's
     * {@code max.request.size} and the broker's {@code message.max.bytes}, both about 1 MiB) with
     * room for the key and headers. The relay publishes in order, so an event the broker refuses
     * would hold back every event after it.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /**
     * Records the event; a change whose event would be too large to publish is refused with 422
     * (and, the transaction being the caller's, not stored).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, CloudEvent<?> event) {
        String payload = EventJson.toJson(event);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EVENT_BYTES) {
            throw PlatformException.validation("This change would publish a " + event.type() + " event of " + bytes
                    + " bytes; events are limited to " + MAX_EVENT_BYTES + " bytes so the broker accepts them",
                    List.of(new FieldError("$", "too large to publish as one event (" + bytes + " bytes)")));
        }
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.key = key;
        row.type = event.type();
        row.payload = payload;
        row.createdAt = Instant.now();
        repository.persist(row);
        appended.fire(new OutboxAppended(topic));
    }
}
