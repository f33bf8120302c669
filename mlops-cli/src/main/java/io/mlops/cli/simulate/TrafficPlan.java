package io.mlops.cli.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code mlops simulate} sends: a fixed arrival rate for a duration, feedback after a delay,
 * and optionally drift injected at a point in time.
 *
 * @param feedbackShare share of predictions that receive a ground-truth label
 */
public record TrafficPlan(
        String model,
        double ratePerSecond,
        Duration duration,
        Duration feedbackDelay,
        double feedbackShare,
        Duration driftAt,
        List<DriftSpec> drifts,
        long seed) {

    /** {@code 200/s}, {@code 200}, or {@code 12000/m}. */
    public static double parseRate(String rate) {
        String r = rate.strip().toLowerCase(Locale.ROOT);
        double perUnit = 1;
        if (r.endsWith("/s")) {
            r = r.substring(0, r.length() - 2);
        } else if (r.endsWith("/m")) {
            r = r.substring(0, r.length() - 2);
            perUnit = 60;
        }
        double value = Double.parseDouble(r) / perUnit;
        if (!(value > 0)) {
            throw new IllegalArgumentException("the rate must be positive: " + rate);
        }
        return value;
    }

    /** {@code 90s}, {@code 2m}, {@code 1h}, {@code 500ms} or plain seconds. */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        char unit = t.charAt(t.length() - 1);
        String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
        double amount = Double.parseDouble(number);
        long millis = switch (unit) {
            case 'h' -> (long) (amount * 3_600_000);
            case 'm' -> (long) (amount * 60_000);
            default -> (long) (amount * 1_000);
        };
        return Duration.ofMillis(millis);
    }
}
