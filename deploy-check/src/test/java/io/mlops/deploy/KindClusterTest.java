package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/kind/cluster.yaml maps host ports to NodePorts; the kind overlay must give exactly those
 * NodePorts to the right Services, with the Service port equal to the host port (so a URL is the
 * same inside and outside the cluster).
 */
class KindClusterTest {

    /** What must be reachable from the host without port-forward. */
    private static final Map<String, Integer> REQUIRED = Map.of("inference-service", 8083, "grafana", 3000, "prometheus", 9090);

    @Test
    void everyHostPortReachesTheServiceWithTheSamePort() throws IOException {
        JsonNode cluster = Rendered.YAML.readTree(Repo.deploy().resolve("kind/cluster.yaml").toFile());
        assertEquals("Cluster", cluster.path("kind").asText());
        Map<Integer, Integer> nodePortToHostPort = new LinkedHashMap<>();
        for (JsonNode node : cluster.path("nodes")) {
            for (JsonNode mapping : node.path("extraPortMappings")) {
                nodePortToHostPort.put(mapping.path("containerPort").asInt(), mapping.path("hostPort").asInt());
            }
        }
        Rendered rendered = Rendered.kind();
        Map<String, Integer> reachable = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        rendered.ofKind("Service").forEach(service -> {
            for (JsonNode port : service.path("spec").path("ports")) {
                if (!port.has("nodePort")) {
                    continue;
                }
                Integer hostPort = nodePortToHostPort.get(port.path("nodePort").asInt());
                if (hostPort == null) {
                    problems.add(Rendered.id(service) + ": nodePort " + port.path("nodePort") + " has no extraPortMapping");
                } else if (hostPort != port.path("port").asInt()) {
                    problems.add(Rendered.id(service) + ": port " + port.path("port") + " is reached on host port " + hostPort);
                } else {
                    reachable.put(Rendered.name(service), hostPort);
                }
                if (!"NodePort".equals(service.path("spec").path("type").asText())) {
                    problems.add(Rendered.id(service) + " has a nodePort but is not of type NodePort");
                }
            }
        });
        nodePortToHostPort.forEach((nodePort, hostPort) -> {
            if (!reachable.containsValue(hostPort)) {
                problems.add("extraPortMapping " + hostPort + " -> " + nodePort + " reaches no Service");
            }
        });
        REQUIRED.forEach((service, port) -> {
            if (!port.equals(reachable.get(service))) {
                problems.add(service + " must be reachable on host port " + port + ", is on " + reachable.get(service));
            }
        });
        // The trainer (`mlops train`) runs on the host against the registry and the feature store.
        Repo.servicePorts().forEach((service, port) -> {
            if (!port.equals(reachable.get(service))) {
                problems.add(service + " should be reachable on host port " + port + " for the host-side CLI");
            }
        });
        ManifestsTest.assertNoProblems(problems);
        assertTrue(reachable.size() >= 6, "reachable from the host: " + reachable);
    }
}
