package io.mlops.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docs/api.md (the project's copy of the platform contract) promises, read from the document
 * itself so the checks follow it: configuration variables, Kafka topics, and metric names and types.
 */
final class ApiContract {

    enum MetricType { COUNTER, GAUGE, HISTOGRAM }

    private static final Pattern ENV_NAME = Pattern.compile("`?(MLOPS_[A-Z_]+)`?");
    private static final Pattern TOPIC = Pattern.compile("`(mlops\\.[a-z0-9.]+\\.v\\d+)`");
    private static final Pattern METRIC = Pattern.compile("`(mlops_[a-z0-9_]+)`");

    private final String text;

    private ApiContract(String text) {
        this.text = text;
    }

    static ApiContract load() {
        return new ApiContract(Repo.read(Repo.root().resolve("docs/api.md")));
    }

    /** Every MLOPS_* variable of the Configuration section. */
    Set<String> environmentVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ENV_NAME.matcher(section("## Configuration"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every topic of the Kafka section, dead-letter topics included. */
    Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        Matcher m = TOPIC.matcher(section("## Kafka"));
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }

    /**
     * The metric table (a row may name two metrics with two types, "a / b" and "counter / histogram"),
     * plus the outbox gauges listed among the additions.
     */
    Map<String, MetricType> metrics() {
        Map<String, MetricType> metrics = new LinkedHashMap<>();
        for (String line : section("## Metrics").split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String[] names = cells[1].split("/");
            String[] types = cells[2].split("/");
            for (int i = 0; i < names.length; i++) {
                String type = types[Math.min(i, types.length - 1)].trim().toUpperCase();
                Matcher m = METRIC.matcher(names[i]);
                if (m.find()) {
                    metrics.put(m.group(1), MetricType.valueOf(type));
                }
            }
        }
        for (String line : text.split("\n")) {
            if (line.contains("**Outbox metrics**") || line.contains("outbox_pending")) {
                Matcher m = METRIC.matcher(line);
                while (m.find()) {
                    if (m.group(1).endsWith("_outbox_pending")) {
                        metrics.putIfAbsent(m.group(1), MetricType.GAUGE);
                    }
                }
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalStateException("no metric table found in docs/api.md");
        }
        return metrics;
    }

    /** From a "## Heading" line to the next "## " heading. */
    private String section(String heading) {
        int start = text.indexOf("\n" + heading);
        if (start < 0) {
            throw new IllegalStateException("docs/api.md has no section " + heading);
        }
        int end = text.indexOf("\n## ", start + heading.length() + 1);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }
}
