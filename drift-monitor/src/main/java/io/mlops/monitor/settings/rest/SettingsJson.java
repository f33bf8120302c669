package io.mlops.monitor.settings.rest;

import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.settings.service.ModelSettings;

/**
 * A model's settings as the API shows them: what was set for it, and the values in force.
 *
 * @param overrides what was set for this model (absent fields take the defaults)
 * @param effective the values the monitor applies
 */
public record SettingsJson(String model, ModelSettings overrides, Effective effective) {

    /** Every setting with its value in force. */
    public record Effective(int windowSize, long windowSeconds, int minRows, double datasetDriftShare, int detectAfter,
                            int resolveAfter, long smallReferenceRows, int performanceWindow, int minLabels,
                            double maxDrop) {
    }

    static SettingsJson of(String model, EffectiveSettings s) {
        return new SettingsJson(model, s.overrides(), new Effective(s.windowSize(), s.windowDuration().toSeconds(),
                s.minRows(), s.datasetDriftShare(), s.detectAfter(), s.resolveAfter(), s.smallReferenceRows(),
                s.performanceWindow(), s.minLabels(), s.maxDrop()));
    }
}
