package io.mlops.cli.platform;

/** A component failed to start; its log usually says why. */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String component;

    public StartupException(String component, String message) {
        super(message);
        this.component = component;
    }

    public StartupException(String component, String message, Throwable cause) {
        super(message, cause);
        this.component = component;
    }

    /** The component whose log to show. */
    public String component() {
        return component;
    }
}
