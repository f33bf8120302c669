package io.mlops.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.UUID;

/**
 * A platform event in CloudEvents 1.0 structured JSON mode ({@code application/cloudevents+json}):
 * context attributes and the extensions {@code actor} and {@code traceparent} are top-level JSON
 * members, the payload is {@code data}.
 *
 * <p>The required attributes are checked in the constructor, so an event is valid whether a producer
 * built it or Jackson read it: consumers deduplicate by {@code id} and dispatch on {@code type}, and
 * an event without them must fail loudly (and go to a dead-letter topic) rather than be processed.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique per event; consumers are idempotent by it
 * @param source the producing service, one of {@link Sources}
 * @param type one of {@link EventType}'s type strings; it decides the class of {@code data}
 * @param subject the model or feature view the event is about
 * @param time when it happened, written as RFC 3339 UTC
 * @param datacontenttype {@value #DATA_CONTENT_TYPE} for platform events
 * @param actor who caused it (the {@code X-Actor} header, else {@code anonymous})
 * @param traceparent the W3C trace context of the request that caused it; a value that is not valid
 *     W3C syntax is dropped, as W3C Trace Context tells receivers to do
 * @param data the payload record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype",
        "actor", "traceparent", "data"})
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String actor,
        String traceparent,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    /** The Kafka {@code content-type} header value of a structured-mode record. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        requireText("specversion", specversion);
        if (!SPEC_VERSION.equals(specversion)) {
            throw new InvalidEventException("specversion",
                    "unsupported CloudEvents specversion '" + specversion + "', expected '" + SPEC_VERSION + "'");
        }
        requireText("id", id);
        requireText("source", source);
        requireText("type", type);
        if (time == null) {
            throw InvalidEventException.missing("time");
        }
        if (!TraceParent.isValid(traceparent)) {
            traceparent = null;
        }
    }

    /** A new event with a random UUID {@code id} and the current {@code time}. */
    public static <T> CloudEvent<T> of(String source, String type, String subject, String actor, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                Instant.now(), DATA_CONTENT_TYPE, actor, null, data);
    }

    /**
     * Like {@link #of(String, String, String, String, Object)}, and checks that {@code data} is the
     * record this type carries, so a producer cannot publish what its consumers cannot read.
     */
    public static <T> CloudEvent<T> of(String source, EventType type, String subject, String actor, T data) {
        if (data == null || !type.dataClass().isInstance(data)) {
            throw new InvalidEventException("data", type.type() + " carries "
                    + type.dataClass().getSimpleName() + ", not "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        return of(source, type.type(), subject, actor, data);
    }

    /** This event carrying the given W3C {@code traceparent} (dropped if not valid W3C syntax). */
    public CloudEvent<T> withTraceparent(String traceparent) {
        return new CloudEvent<>(specversion, id, source, type, subject, time, datacontenttype, actor,
                traceparent, data);
    }

    private static void requireText(String attribute, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidEventException.missing(attribute);
        }
    }
}
