package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The metric names the platform exposes (docs/api.md plus the standard list), and the names the
 * dashboards and alert rules read.
 */
final class Metrics {

    static final Path DASHBOARDS = Path.of("k8s/base/grafana/dashboards");
    static final Path ALERTS = Path.of("k8s/base/prometheus/alerts.yml");

    private Metrics() {
    }

    /** Sample name to where it comes from ("docs/api.md" or "standard"). */
    static Map<String, String> exposed() {
        Map<String, String> names = new TreeMap<>();
        ApiContract.load().metrics().forEach((name, type) -> expand(name, type.name().toLowerCase())
                .forEach(n -> names.put(n, "docs/api.md")));
        standard().forEach((name, type) -> expand(name, type).forEach(n -> names.putIfAbsent(n, "standard")));
        return names;
    }

    /** The standard list: name to type. */
    static Map<String, String> standard() {
        Map<String, String> names = new LinkedHashMap<>();
        try (InputStream in = Metrics.class.getResourceAsStream("/standard-metrics.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    String[] parts = l.split("\\s+");
                    names.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static List<String> expand(String name, String type) {
        return switch (type) {
            case "counter", "gauge" -> List.of(name);
            case "timer" -> List.of(name + "_count", name + "_sum", name + "_max");
            case "histogram" -> List.of(name + "_bucket", name + "_count", name + "_sum", name + "_max");
            default -> throw new IllegalArgumentException("unknown metric type " + type + " of " + name);
        };
    }

    /** Dashboard file name to the metric names its panel targets and variable queries read. */
    static Map<String, Set<String>> readByDashboards() {
        Map<String, Set<String>> read = new TreeMap<>();
        for (Path file : dashboardFiles()) {
            Set<String> names = new TreeSet<>();
            JsonNode dashboard = json(file);
            for (String expr : expressions(dashboard)) {
                names.addAll(PromQl.metricNames(expr));
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode q = variable.path("query");
                    names.addAll(PromQl.variableQueryMetricNames(q.isObject() ? q.path("query").asText() : q.asText()));
                }
            }
            read.put(file.getFileName().toString(), names);
        }
        return read;
    }

    /** Alert name to the metric names its expression reads. */
    static Map<String, Set<String>> readByAlerts() {
        Map<String, Set<String>> read = new TreeMap<>();
        for (JsonNode rule : alertRules()) {
            read.put(rule.path("alert").asText(rule.path("record").asText()), PromQl.metricNames(rule.path("expr").asText()));
        }
        return read;
    }

    static List<JsonNode> alertRules() {
        JsonNode rules;
        try {
            rules = Rendered.YAML.readTree(Repo.deploy().resolve(ALERTS).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Stream.of(rules.path("groups")).flatMap(g -> toList(g).stream())
                .flatMap(g -> toList(g.path("rules")).stream()).collect(Collectors.toList());
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(Repo.deploy().resolve(DASHBOARDS))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression of a dashboard's panels (rows' nested panels included). */
    static List<String> expressions(JsonNode dashboard) {
        return panels(dashboard).stream().flatMap(p -> toList(p.path("targets")).stream())
                .map(t -> t.path("expr").asText()).collect(Collectors.toList());
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new java.util.ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
