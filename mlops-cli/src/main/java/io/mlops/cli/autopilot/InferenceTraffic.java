package io.mlops.cli.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Traffic} through the inference service's deployment API ({@code /api/v1/deployments/{model}}). */
public final class InferenceTraffic implements Traffic {

    private static final long POLL_MS = 250;

    private final ServiceClient inference;
    private final String path;

    public InferenceTraffic(ServiceClient inference, String model) {
        this.inference = inference;
        this.path = "/api/v1/deployments/" + RegistryClient.encode(model);
    }

    @Override
    public void shadow(String championAlias, String challengerAlias) {
        put(championAlias, challengerAlias, true);
    }

    @Override
    public void championOnly(String championAlias) {
        put(championAlias, null, false);
    }

    @Override
    public boolean awaitServing(String alias, int version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (inference.get(path).path("loaded").path(alias).path("version").asInt(-1) == version) {
                    return true;
                }
            } catch (ApiException notYet) {
                // the model may not be known to this replica yet
            }
            Thread.sleep(POLL_MS);
        }
        return false;
    }

    private void put(String champion, String challenger, boolean shadow) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("champion", champion);
        if (challenger != null) {
            body.put("challenger", challenger);
        }
        body.put("challengerPercent", 0);
        body.put("shadow", shadow);
        String missingFeatures = currentMissingFeatures();
        if (missingFeatures != null) {
            body.put("missingFeatures", missingFeatures);
        }
        inference.put(path, body);
    }

    /** Kept as it is: autopilot changes the split, not how missing features are handled. */
    private String currentMissingFeatures() {
        try {
            JsonNode current = inference.get(path).path("missingFeatures");
            return current.isTextual() ? current.asText() : null;
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
