package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Dashboards and alert rules read only metrics a service really exposes: the names of
 * docs/api.md's metric table, or Micrometer's standard names (src/test/resources/standard-metrics.txt).
 *
 * <p>Hook for a real scrape: {@code -Ddeploy.check.scraped-metrics=<file>} names a file with one
 * sample name per line (the part of each non-comment line of {@code /q/metrics} before the first
 * "{" or space; deploy/check.sh writes such a file from a real scrape). Every name read must then
 * also be in that file. {@code -Ddeploy.check.scraped-scope=standard}
 * limits this to the standard names, for a scrape of services that have served no traffic yet
 * (the per-model meters of docs/api.md appear with the first model, request or event).
 */
class MetricNamesTest {

    @Test
    void dashboardsReadOnlyExposedMetrics() {
        Map<String, String> exposed = Metrics.exposed();
        List<String> problems = new ArrayList<>();
        Metrics.readByDashboards().forEach((dashboard, names) -> {
            assertFalse(names.isEmpty(), dashboard + " reads no metric at all");
            names.stream().filter(n -> !exposed.containsKey(n))
                    .forEach(n -> problems.add(dashboard + " reads " + n + ", which no service exposes"));
        });
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void alertRulesReadOnlyExposedMetrics() {
        Map<String, String> exposed = Metrics.exposed();
        List<String> problems = new ArrayList<>();
        Metrics.readByAlerts().forEach((alert, names) -> {
            assertFalse(names.isEmpty(), alert + " reads no metric at all");
            names.stream().filter(n -> !exposed.containsKey(n))
                    .forEach(n -> problems.add("alert " + alert + " reads " + n + ", which no service exposes"));
        });
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void theDashboardsCoverEveryContractMetric() {
        Set<String> read = Metrics.readByDashboards().values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        List<String> unused = ApiContract.load().metrics().keySet().stream()
                .filter(name -> read.stream().noneMatch(r -> r.equals(name) || r.startsWith(name + "_")))
                .collect(Collectors.toList());
        assertTrue(unused.isEmpty(), "metrics of docs/api.md no dashboard shows: " + unused);
    }

    @Test
    @EnabledIfSystemProperty(named = "deploy.check.scraped-metrics", matches = ".+")
    void everyNameReadIsInTheRealScrape() throws IOException {
        Path file = Path.of(System.getProperty("deploy.check.scraped-metrics"));
        Set<String> scraped = Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.replaceAll("[{ ].*", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(scraped.isEmpty(), file + " lists no metric");
        boolean standardOnly = "standard".equals(System.getProperty("deploy.check.scraped-scope", "all"));
        Map<String, String> exposed = Metrics.exposed();
        Set<String> read = new TreeSet<>();
        Metrics.readByDashboards().values().forEach(read::addAll);
        Metrics.readByAlerts().values().forEach(read::addAll);
        // Prometheus' own series are never in a service's scrape.
        read.removeAll(Set.of("up", "ALERTS", "ALERTS_FOR_STATE"));
        List<String> missing = read.stream()
                .filter(n -> !standardOnly || "standard".equals(exposed.get(n)))
                .filter(n -> !scraped.contains(n))
                .collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "read by dashboards or alerts but not in the scrape " + file + ": " + missing);
    }
}
