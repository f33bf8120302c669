package io.mlops.common.text;

/**
 * Text every store of the platform can hold as it was sent. A JSON string may escape half of a
 * UTF-16 surrogate pair ({@code "\ud800"}); Java keeps it, but it has no UTF-8 form, so the
 * database driver and Kafka's serialisers write {@code ?} in its place, and what is read back is
 * not what the answer to the write said was stored.
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** The index of the first surrogate without its other half, or -1 if every one is paired. */
    public static int loneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The reason to refuse {@code text}, or null when it is well formed. */
    public static String problem(CharSequence text) {
        int at = loneSurrogate(text);
        return at < 0 ? null : "holds half of a UTF-16 surrogate pair (\\u" + Integer.toHexString(text.charAt(at))
                + " at character " + at + "), which is not text and cannot be stored as sent";
    }
}
