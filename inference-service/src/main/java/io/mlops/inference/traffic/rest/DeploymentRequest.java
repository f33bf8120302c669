package io.mlops.inference.traffic.rest;

/**
 * Body of {@code PUT /api/v1/deployments/{model}}.
 *
 * @param champion alias taking the main traffic; {@code champion} when absent
 * @param challenger alias taking {@code challengerPercent} of requests, or all of them in shadow
 * @param challengerPercent 0 to 100; 0 when absent
 * @param shadow when true the challenger runs on every request but never answers
 * @param missingFeatures {@code fail} or {@code impute}; absent for the service-wide policy
 */
public record DeploymentRequest(String champion, String challenger, Integer challengerPercent, Boolean shadow,
                                String missingFeatures) {
}
