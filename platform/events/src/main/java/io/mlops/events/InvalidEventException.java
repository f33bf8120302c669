package io.mlops.events;

/**
 * Bytes or values that do not make a valid platform event. Consumers catch this one type to route a
 * record to its dead-letter topic, with {@link #getMessage()} as the {@code error} header.
 */
public class InvalidEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attribute;

    public InvalidEventException(String attribute, String message) {
        this(attribute, message, null);
    }

    public InvalidEventException(String attribute, String message, Throwable cause) {
        super(message, cause);
        this.attribute = attribute;
    }

    static InvalidEventException missing(String attribute) {
        return new InvalidEventException(attribute, "missing required CloudEvents attribute '" + attribute + "'");
    }

    /**
     * The envelope attribute (e.g. {@code time}) or the path inside it (e.g. {@code data.version}) at
     * fault; {@code null} when the bytes are not a JSON object at all.
     */
    public String attribute() {
        return attribute;
    }
}
