package io.mlops.cli.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** How many requests the plan sends. */
    public long requests() {
        return Math.max(1, (long) (ratePerSecond * duration.toMillis() / 1000.0));
    }

    /** The time between two intended sends. */
    public long intervalNanos() {
        return (long) (1e9 / ratePerSecond);
    }

    /** When the last request is sent: drift is injected at a send, so a later drift time is never reached. */
    public Duration lastSend() {
        return Duration.ofNanos((requests() - 1) * intervalNanos());
    }

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
        double value;
        try {
            value = Double.parseDouble(r) / perUnit;
        } catch (NumberFormatException e) {
            throw new BadOptionValue("'" + rate + "' is not a rate: write 200/s, 200 or 12000/m");
        }
        if (!(value > 0)) {
            throw new BadOptionValue("the rate must be positive: " + rate);
        }
        return value;
    }

    /** {@code 90s}, {@code 2m}, {@code 1h}, {@code 500ms} or plain seconds; anything else is refused, never guessed. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadOptionValue("'" + text + "' is not a duration: write 500ms, 90s, 2m or 1h");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1_000;
        };
        return Duration.ofMillis((long) millis);
    }
}
