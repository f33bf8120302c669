package io.mlops.inference.web;

/**
 * What a request carries besides its body: who sent it (the {@code X-Actor} header, else
 * {@code anonymous}) and its W3C {@code traceparent}, both passed on to the events it causes.
 */
public record Caller(String actor, String traceparent) {
}
