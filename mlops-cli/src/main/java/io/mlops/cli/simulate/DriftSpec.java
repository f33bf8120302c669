package io.mlops.cli.simulate;

import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One injected shift of a feature: {@code age=+1.5std} (add 1.5 standard deviations),
 * {@code credit_amount=*2} (scale), or {@code purpose=education} (set a category).
 */
public record DriftSpec(String feature, Kind kind, double amount, String category) {

    public enum Kind { SHIFT_STD, SCALE, SET_CATEGORY }

    /** Parses a comma-separated list such as {@code age=+1.5std,purpose=education}. */
    public static List<DriftSpec> parseAll(String specs) {
        List<DriftSpec> parsed = new ArrayList<>();
        for (String spec : specs.split(",")) {
            if (!spec.isBlank()) {
                parsed.add(parse(spec.strip()));
            }
        }
        return parsed;
    }

    static DriftSpec parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new BadOptionValue("a drift is feature=+Nstd, feature=*N or feature=category, not '" + spec + "'");
        }
        String feature = spec.substring(0, eq);
        String change = spec.substring(eq + 1);
        String lower = change.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith("std") && (lower.startsWith("+") || lower.startsWith("-"))) {
                return new DriftSpec(feature, Kind.SHIFT_STD, Double.parseDouble(lower.substring(0, lower.length() - 3)), null);
            }
            if (lower.startsWith("*")) {
                return new DriftSpec(feature, Kind.SCALE, Double.parseDouble(lower.substring(1)), null);
            }
        } catch (NumberFormatException e) {
            throw new BadOptionValue("'" + change + "' is not a number of std or a factor in '" + spec + "'", e);
        }
        return new DriftSpec(feature, Kind.SET_CATEGORY, 0, change);
    }

    /** Checks the spec fits the column it names (numbers shift, categories are set). */
    public void validate(Table table) {
        Column column = table.column(feature);
        if (column.isNumeric() == (kind == Kind.SET_CATEGORY)) {
            throw new BadOptionValue(feature + " is " + column.type().name().toLowerCase(Locale.ROOT)
                    + ": use " + (column.isNumeric() ? "+Nstd or *N" : "a category") + " to drift it");
        }
    }

    /** The drifted value of one row's original value; {@code std} is the column's standard deviation. */
    public Object apply(Object original, double std) {
        return switch (kind) {
            case SHIFT_STD -> original == null ? null : (Double) original + amount * std;
            case SCALE -> original == null ? null : (Double) original * amount;
            case SET_CATEGORY -> category;
        };
    }
}
