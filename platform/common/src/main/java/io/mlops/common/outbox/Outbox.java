package io.mlops.common.outbox;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, CloudEvent<?> event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.key = key;
        row.type = event.type();
        row.payload = EventJson.toJson(event);
        row.createdAt = Instant.now();
        repository.persist(row);
        appended.fire(new OutboxAppended(topic));
    }
}
