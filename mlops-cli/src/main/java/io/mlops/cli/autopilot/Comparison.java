package io.mlops.cli.autopilot;

/**
 * Champion and challenger on the same requests: only predictions that both arms answered and that
 * got a label count, so neither side is judged on easier traffic.
 *
 * @param pairs labelled requests both arms answered
 * @param champion null when there are no pairs yet
 * @param challenger null when there are no pairs yet
 */
public record Comparison(long pairs, ArmMetrics champion, ArmMetrics challenger) {
}
