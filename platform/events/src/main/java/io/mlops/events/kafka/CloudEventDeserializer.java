package io.mlops.events.kafka;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.InvalidEventException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer reading a structured-mode {@link CloudEvent} with {@code data} typed by its
 * {@code type} (see {@link EventJson#fromBytes(byte[])}). A tombstone (null value) reads as null;
 * bytes that are not a valid event throw {@link InvalidEventException} with the reason, which the
 * consumer's failure handling can put on the dead-letter record.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent<?>> {

    @Override
    public CloudEvent<?> deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : EventJson.fromBytes(bytes);
    }
}
