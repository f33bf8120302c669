package io.mlops.inference.registry.client;

/** The registry did not answer usefully (down, timed out, 5xx): worth retrying later. */
public class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
