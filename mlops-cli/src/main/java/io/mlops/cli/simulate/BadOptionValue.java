package io.mlops.cli.simulate;

/** A value given on the command line that cannot be read: the command exits 2, as for any usage error. */
public final class BadOptionValue extends IllegalArgumentException {

    public BadOptionValue(String message) {
        super(message);
    }

    public BadOptionValue(String message, Throwable cause) {
        super(message, cause);
    }
}
