package io.mlops.monitor.reference.service;

/** A model version: the unit windows, results, alerts and performance are kept by. */
public record VersionKey(String model, int version) {

    @Override
    public String toString() {
        return model + " v" + version;
    }
}
