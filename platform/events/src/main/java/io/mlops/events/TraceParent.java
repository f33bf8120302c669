package io.mlops.events;

import java.util.regex.Pattern;

/** W3C Trace Context {@code traceparent} syntax, as far as a receiver must check it. */
final class TraceParent {

    private static final Pattern VERSION_00 =
            Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    /** Later versions may append fields; a receiver keeps the part it understands. */
    private static final Pattern LATER_VERSION =
            Pattern.compile("(?!00|ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");

    private TraceParent() {
    }

    static boolean isValid(String value) {
        return value != null
                && (VERSION_00.matcher(value).matches() || LATER_VERSION.matcher(value).matches());
    }
}
