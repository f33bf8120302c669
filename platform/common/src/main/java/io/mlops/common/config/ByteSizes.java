package io.mlops.common.config;

import java.util.Locale;

/** Reads sizes written as in Quarkus' own limits ({@code 256M}, {@code 2K}, {@code 1024}). */
public final class ByteSizes {

    private ByteSizes() {
    }

    public static long parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = s.charAt(s.length() - 1);
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            default -> {
                return Long.parseLong(s);
            }
        }
        return Long.parseLong(s.substring(0, s.length() - 1).strip()) * unit;
    }

    /** A size as a person reads it, e.g. {@code 256 MiB}. */
    public static String describe(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= (1L << 10) && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
