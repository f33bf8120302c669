package io.mlops.inference.features.service;

import java.time.Instant;

/**
 * One feature of one entity as the feature store returned it.
 *
 * @param value null unless {@code status} is PRESENT
 * @param eventTime when the value was observed, or null
 */
public record FeatureValue(Object value, String status, Instant eventTime) {

    public boolean present() {
        return "PRESENT".equals(status) && value != null;
    }
}
