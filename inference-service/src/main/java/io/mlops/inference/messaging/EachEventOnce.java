package io.mlops.inference.messaging;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.InvalidEventException;
import io.mlops.inference.support.RecentIds;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Reads each record of a followed topic as a CloudEvent and hands every event to its handler once,
 * by event id (the last 10,000 are remembered), so a redelivered event is not applied twice. An
 * unreadable record is logged and skipped.
 */
public final class EachEventOnce implements Consumer<ConsumerRecord<byte[], byte[]>> {

    private static final Logger LOG = Logger.getLogger(EachEventOnce.class);

    private final RecentIds seen = new RecentIds(10_000);
    private final Consumer<CloudEvent<?>> handler;

    public EachEventOnce(Consumer<CloudEvent<?>> handler) {
        this.handler = handler;
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        CloudEvent<?> event;
        try {
            event = EventJson.fromBytes(record.value());
        } catch (InvalidEventException e) {
            LOG.warnf("Ignoring an unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (seen.add(event.id())) {
            handler.accept(event);
        }
    }
}
