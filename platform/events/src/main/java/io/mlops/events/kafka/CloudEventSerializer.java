package io.mlops.events.kafka;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer writing a {@link CloudEvent} in structured mode. Following the CloudEvents
 * Kafka binding it also sets the {@code content-type} header, so a reader can tell a structured event
 * from other bytes without parsing them.
 */
public class CloudEventSerializer implements Serializer<CloudEvent<?>> {

    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final byte[] MEDIA_TYPE = CloudEvent.MEDIA_TYPE.getBytes(StandardCharsets.UTF_8);

    @Override
    public byte[] serialize(String topic, CloudEvent<?> event) {
        return event == null ? null : EventJson.toBytes(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, CloudEvent<?> event) {
        if (event != null && headers != null) {
            headers.remove(CONTENT_TYPE_HEADER);
            headers.add(CONTENT_TYPE_HEADER, MEDIA_TYPE);
        }
        return serialize(topic, event);
    }
}
