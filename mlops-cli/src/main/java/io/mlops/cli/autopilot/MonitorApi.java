package io.mlops.cli.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The drift monitor's read API as autopilot uses it: alerts, labelled predictions and live performance. */
public final class MonitorApi {

    private final ServiceClient monitor;

    public MonitorApi(ServiceClient monitor) {
        this.monitor = monitor;
    }

    public List<Alert> alerts(String model, Instant from) {
        List<Alert> out = new ArrayList<>();
        monitor.get("/api/v1/alerts?model=" + RegistryClient.encode(model) + "&from=" + from)
                .forEach(a -> out.add(Alert.of(a)));
        return out;
    }

    /** Labelled predictions of every version and arm predicted at or after {@code from}, oldest first. */
    public List<LabelledRow> labelled(String model, Instant from) {
        List<LabelledRow> out = new ArrayList<>();
        monitor.get("/api/v1/labelled/" + RegistryClient.encode(model) + "?from=" + from)
                .forEach(r -> out.add(LabelledRow.of(r)));
        return out;
    }

    /** The monitor's rolling live metrics of one version, for the report. */
    public JsonNode performance(String model, int version) {
        return monitor.get("/api/v1/performance/" + RegistryClient.encode(model) + "?version=" + version)
                .path("versions").path(0);
    }
}
