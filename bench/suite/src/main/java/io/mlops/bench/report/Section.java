package io.mlops.bench.report;

import io.mlops.bench.load.LatencyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One part of the report: a heading, tables of figures and what they mean against the goal. */
public final class Section {

    private final String title;
    private final List<String> lines = new ArrayList<>();

    public Section(String title) {
        this.title = title;
    }

    public Section text(String paragraph) {
        lines.add(paragraph);
        lines.add("");
        return this;
    }

    public Section latencyTable(List<Named<LatencyResult>> rows, LatencyResult floor, String floorName) {
        lines.add("| path | rate (req/s) | requests | non-2xx | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | p99 × " + floorName
                + " | generator's send lag p99 (ms) | CPU meanwhile (cores) |");
        lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (Named<LatencyResult> row : rows) {
            LatencyResult r = row.value();
            lines.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |", row.name(),
                    r.targetRate() == 0 ? "back to back" : String.format(Locale.ROOT, "%.0f", r.targetRate()),
                    r.sent(), r.failed(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.maxMs(),
                    floor == null || floor.p99Ms() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", r.p99Ms() / floor.p99Ms()),
                    Double.isNaN(r.sendLagP99Ms()) ? "–" : String.format(Locale.ROOT, "%.3f", r.sendLagP99Ms()),
                    r.cpu() == null ? "–" : r.cpu()));
        }
        lines.add("");
        return this;
    }

    public Section table(List<String> header, List<List<String>> rows) {
        lines.add("| " + String.join(" | ", header) + " |");
        lines.add("|" + " --- |".repeat(header.size()));
        for (List<String> row : rows) {
            lines.add("| " + String.join(" | ", row) + " |");
        }
        lines.add("");
        return this;
    }

    /** A goal line: what was asked, what was measured, met or missed. */
    public Section goal(String goal, String measured, boolean met) {
        lines.add("- " + goal + ": " + measured + " — **" + (met ? "met" : "missed") + "**");
        return this;
    }

    public Section end() {
        lines.add("");
        return this;
    }

    public String markdown() {
        return "### " + title + "\n\n" + String.join("\n", lines) + "\n";
    }

    public static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A value with the name it is reported under. */
    public record Named<T>(String name, T value) {
    }
}
