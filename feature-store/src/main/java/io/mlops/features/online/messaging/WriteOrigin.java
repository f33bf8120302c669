package io.mlops.features.online.messaging;

/**
 * Who caused a write and in which trace, carried onto the {@code online-updated} events it
 * produces (CloudEvents {@code actor} and {@code traceparent}).
 *
 * @param traceparent the W3C trace context of the request or event that caused the write, or null
 */
public record WriteOrigin(String actor, String traceparent) {

    public WriteOrigin {
        actor = actor == null || actor.isBlank() ? "anonymous" : actor;
    }
}
