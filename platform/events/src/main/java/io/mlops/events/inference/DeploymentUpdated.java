package io.mlops.events.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A model's deployment JSON (its traffic split), broadcast so every replica applies the same split.
 *
 * @param champion the alias that takes the main traffic
 * @param challenger the alias that takes {@code challengerPercent} of it, or {@code null}
 * @param challengerPercent 0 to 100
 * @param shadow when true the challenger sees every request but its answers are only logged
 * @param missingFeatures {@code fail} or {@code impute} for this model, or {@code null} for the service-wide policy
 * @param revision the deployment's revision, raised by every change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentUpdated(
        String model,
        String champion,
        String challenger,
        int challengerPercent,
        boolean shadow,
        String missingFeatures,
        long revision,
        Instant updatedAt,
        String updatedBy) {
}
