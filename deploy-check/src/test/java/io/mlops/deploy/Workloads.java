package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Questions about pods, containers and their configuration within one rendered overlay. */
final class Workloads {

    private final Rendered rendered;

    Workloads(Rendered rendered) {
        this.rendered = rendered;
    }

    static Map<String, String> podLabels(JsonNode workload) {
        Map<String, String> labels = new LinkedHashMap<>();
        Rendered.fields(workload.path("spec").path("template").path("metadata").path("labels"))
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static Map<String, String> selector(JsonNode service) {
        Map<String, String> selector = new LinkedHashMap<>();
        Rendered.fields(service.path("spec").path("selector")).forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
        return selector;
    }

    /** The workloads whose pods a Service selects (a Service without selector selects none). */
    List<JsonNode> selectedBy(JsonNode service) {
        Map<String, String> selector = selector(service);
        if (selector.isEmpty()) {
            return List.of();
        }
        return rendered.workloads()
                .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
                .collect(Collectors.toList());
    }

    /** True if the port (a name or a number, as in a probe or a targetPort) is declared by the container. */
    static boolean declaresPort(JsonNode container, JsonNode port) {
        for (JsonNode p : container.path("ports")) {
            if (port.isInt() && p.path("containerPort").asInt() == port.asInt()) {
                return true;
            }
            if (port.isTextual() && port.asText().equals(p.path("name").asText())) {
                return true;
            }
            if (port.isTextual() && port.asText().matches("\\d+") && p.path("containerPort").asInt() == Integer.parseInt(port.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The port a probe uses, if it uses one (httpGet, tcpSocket, grpc). */
    static Optional<JsonNode> probePort(JsonNode probe) {
        for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
            if (probe.has(handler)) {
                return Optional.of(probe.path(handler).path("port"));
            }
        }
        return Optional.empty();
    }

    /**
     * The environment a container starts with: envFrom ConfigMaps and Secrets, then env entries
     * (values, or the referenced keys resolved). Unresolvable references are reported in problems.
     */
    Map<String, String> environment(JsonNode workload, JsonNode container, List<String> problems) {
        String where = Rendered.id(workload) + " container " + container.path("name").asText();
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                Optional<JsonNode> cm = rendered.find("ConfigMap", name).map(n -> n);
                if (cm.isEmpty()) {
                    problems.add(where + ": envFrom ConfigMap " + name + " does not exist");
                } else {
                    data(cm.get()).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (from.has("secretRef")) {
                String name = from.path("secretRef").path("name").asText();
                Optional<JsonNode> secret = rendered.find("Secret", name).map(n -> n);
                if (secret.isEmpty()) {
                    problems.add(where + ": envFrom Secret " + name + " does not exist");
                } else {
                    data(secret.get()).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                env.put(name, e.path("value").asText());
                continue;
            }
            JsonNode from = e.path("valueFrom");
            String kind = from.has("configMapKeyRef") ? "ConfigMap" : from.has("secretKeyRef") ? "Secret" : null;
            if (kind == null) {
                env.put(name, "<" + from.fieldNames().next() + ">");
                continue;
            }
            JsonNode ref = from.path(kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
            String object = ref.path("name").asText();
            String key = ref.path("key").asText();
            Optional<String> value = rendered.find(kind, object).map(o -> data(o).get(key));
            if (value.isEmpty()) {
                problems.add(where + ": env " + name + " refers to " + kind + " " + object + " key " + key
                        + ", which does not exist");
            } else {
                env.put(name, value.get());
            }
        }
        return env;
    }

    /** A ConfigMap's data, or a Secret's data (decoded) and stringData. */
    static Map<String, String> data(JsonNode object) {
        Map<String, String> data = new LinkedHashMap<>();
        boolean secret = "Secret".equals(object.path("kind").asText());
        Rendered.fields(object.path("data")).forEach(e -> data.put(e.getKey(), secret
                ? new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)
                : e.getValue().asText()));
        Rendered.fields(object.path("stringData")).forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** Mount paths of a container whose volume is a PersistentVolumeClaim (or a claim template). */
    List<String> persistentMounts(JsonNode workload, JsonNode container) {
        List<String> claimVolumes = new ArrayList<>();
        for (JsonNode v : Rendered.podSpec(workload).path("volumes")) {
            if (v.has("persistentVolumeClaim")) {
                claimVolumes.add(v.path("name").asText());
            }
        }
        for (JsonNode t : workload.path("spec").path("volumeClaimTemplates")) {
            claimVolumes.add(Rendered.name(t));
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode m : container.path("volumeMounts")) {
            if (claimVolumes.contains(m.path("name").asText())) {
                paths.add(m.path("mountPath").asText());
            }
        }
        return paths;
    }
}
