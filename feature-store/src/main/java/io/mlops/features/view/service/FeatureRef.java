package io.mlops.features.view.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feature reference: {@code view:feature} (the view's latest version) or {@code view@3:feature}
 * (pinned).
 *
 * @param version the pinned version, or null for the latest
 */
public record FeatureRef(String view, Integer version, String feature) {

    private static final Pattern SYNTAX = Pattern.compile("^([^:@\\s]+)(?:@([1-9][0-9]{0,8}))?:([^:@\\s]+)$");

    /** The reference, or null when the text is not of either form. */
    public static FeatureRef parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return new FeatureRef(m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)), m.group(3));
    }

    /** The same feature pinned to a version. */
    public FeatureRef pinned(int pinnedVersion) {
        return new FeatureRef(view, pinnedVersion, feature);
    }

    @Override
    public String toString() {
        return version == null ? view + ":" + feature : view + "@" + version + ":" + feature;
    }
}
