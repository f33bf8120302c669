package io.mlops.infra;

/** A Kafka broker or PostgreSQL server could not be started; the message says what to do about it. */
public class InfraStartException extends RuntimeException {

    public InfraStartException(String message) {
        super(message);
    }

    public InfraStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
