package io.mlops.monitor.alert.service;

/**
 * Hysteresis state of one alert subject (the dataset, a column, a performance metric) of a version.
 *
 * @param active whether an alert is raised and not yet resolved
 * @param streak consecutive evaluations that argued against the current state
 */
public record SubjectState(String model, int version, String scope, String subject, boolean active, int streak) {

    /** The state after one more evaluation, and whether it flipped. */
    public SubjectState next(boolean bad, int detectAfter, int resolveAfter) {
        boolean against = bad != active;
        int n = against ? streak + 1 : 0;
        int needed = active ? resolveAfter : detectAfter;
        if (n >= needed) {
            return new SubjectState(model, version, scope, subject, !active, 0);
        }
        return new SubjectState(model, version, scope, subject, active, n);
    }
}
