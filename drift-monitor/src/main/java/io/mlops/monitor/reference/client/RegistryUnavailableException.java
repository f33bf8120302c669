package io.mlops.monitor.reference.client;

/** The registry did not answer, or answered with a server error: worth asking again later. */
public class RegistryUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
