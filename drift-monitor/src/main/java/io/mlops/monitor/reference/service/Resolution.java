package io.mlops.monitor.reference.service;

/**
 * The registry's answer about a version the stream asked for.
 *
 * @param version the version, or {@code null} when the registry says it does not exist
 */
public record Resolution(VersionKey key, MonitoredVersion version) {

    public boolean exists() {
        return version != null;
    }
}
