package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards are valid, complete, laid out on the grid and provisioned. */
class DashboardsTest {

    private static final Set<String> REQUIRED = Set.of(
            "platform-overview.json", "inference.json", "features.json", "drift.json", "kafka-jvm.json");
    private static final Set<String> BUILTIN_VARIABLES = Set.of("__rate_interval", "__interval", "__range",
            "__interval_ms", "__range_s", "__range_ms", "__dashboard", "__from", "__to");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

    @Test
    void everyRequiredDashboardExistsWithAUniqueUid() {
        List<Path> files = Metrics.dashboardFiles();
        Set<String> names = files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        assertTrue(names.containsAll(REQUIRED), "dashboards: " + names);
        Set<String> uids = new HashSet<>();
        for (Path f : files) {
            JsonNode d = Metrics.json(f);
            assertTrue(d.path("uid").asText().matches("[a-zA-Z0-9_-]{1,40}"), f + ": uid");
            assertTrue(uids.add(d.path("uid").asText()), f + ": duplicate uid " + d.path("uid").asText());
            assertTrue(!d.path("title").asText().isBlank(), f + ": title");
            assertTrue(d.path("schemaVersion").asInt() >= 36, f + ": schemaVersion");
            assertTrue(d.path("panels").size() > 0, f + ": no panels");
        }
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasourceWithDefinedVariables() {
        List<String> problems = new ArrayList<>();
        for (Path f : Metrics.dashboardFiles()) {
            JsonNode d = Metrics.json(f);
            Set<String> variables = new TreeSet<>();
            d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : Metrics.panels(d)) {
                String where = f.getFileName() + " panel '" + p.path("title").asText() + "'";
                if (!ids.add(p.path("id").asInt())) {
                    problems.add(where + ": duplicate id " + p.path("id"));
                }
                if ("row".equals(p.path("type").asText())) {
                    continue;
                }
                if (!"prometheus".equals(p.path("datasource").path("uid").asText())) {
                    problems.add(where + ": datasource is not the provisioned uid 'prometheus'");
                }
                if (p.path("targets").isEmpty()) {
                    problems.add(where + ": no query");
                }
                Set<String> refIds = new HashSet<>();
                for (JsonNode t : p.path("targets")) {
                    if (t.path("expr").asText().isBlank()) {
                        problems.add(where + ": empty expression");
                    }
                    if (!refIds.add(t.path("refId").asText())) {
                        problems.add(where + ": duplicate refId " + t.path("refId").asText());
                    }
                    Matcher m = VARIABLE.matcher(t.path("expr").asText());
                    while (m.find()) {
                        if (!variables.contains(m.group(1)) && !BUILTIN_VARIABLES.contains(m.group(1))) {
                            problems.add(where + ": uses undefined variable $" + m.group(1));
                        }
                    }
                }
            }
        }
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<String> problems = new ArrayList<>();
        for (Path f : Metrics.dashboardFiles()) {
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode p : Metrics.json(f).path("panels")) {
                JsonNode g = p.path("gridPos");
                int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
                if (box[2] <= 0 || box[3] <= 0 || box[0] < 0 || box[0] + box[2] > 24) {
                    problems.add(f.getFileName() + " panel '" + p.path("title").asText() + "': gridPos out of the 24-column grid");
                }
                for (int[] other : boxes) {
                    boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                            && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                    if (overlap) {
                        problems.add(f.getFileName() + " panel '" + p.path("title").asText() + "' overlaps another panel");
                    }
                }
                boxes.add(box);
            }
        }
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void everyDashboardFileIsProvisioned() throws IOException {
        JsonNode kustomization = Rendered.YAML.readTree(Repo.deploy().resolve("k8s/base/kustomization.yaml").toFile());
        Set<String> provisioned = new TreeSet<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            if ("grafana-dashboards".equals(generator.path("name").asText())) {
                generator.path("files").forEach(file -> provisioned.add(Path.of(file.asText()).getFileName().toString()));
            }
        }
        Set<String> files = Metrics.dashboardFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, provisioned, "dashboard files vs. the grafana-dashboards ConfigMap generator");
    }
}
