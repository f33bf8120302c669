package io.mlops.registry.validation;

import java.util.regex.Pattern;

/** The platform's name rule for models, aliases and datasets (API.md "Names and types"). */
public final class Names {

    public static final String PATTERN = "^[a-z][a-z0-9_-]{0,62}$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }

    public static String rule() {
        return "must match " + PATTERN + " (lower-case letter, then up to 62 of a-z, 0-9, '_', '-')";
    }
}
