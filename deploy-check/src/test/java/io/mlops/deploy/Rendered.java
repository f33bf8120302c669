package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The objects {@code kubectl kustomize <overlay>} renders, parsed as YAML. kubectl is the one
 * tool this needs; without it the tests are skipped with a message, unless
 * {@code -Ddeploy.check.require-kubectl=true} (as deploy/check.sh passes) makes that a failure.
 */
final class Rendered {

    static final YAMLMapper YAML = new YAMLMapper();

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private final String overlay;
    private final List<ObjectNode> objects;

    private Rendered(String overlay, List<ObjectNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    /** The kind overlay, rendered once per test JVM. */
    static Rendered kind() {
        return overlay("deploy/k8s/overlays/kind");
    }

    static Rendered overlay(String relativePath) {
        return CACHE.computeIfAbsent(relativePath, p -> new Rendered(p, parse(render(Repo.root().resolve(p)))));
    }

    String overlay() {
        return overlay;
    }

    List<ObjectNode> all() {
        return objects;
    }

    Stream<ObjectNode> ofKind(String... kinds) {
        List<String> wanted = List.of(kinds);
        return objects.stream().filter(o -> wanted.contains(o.path("kind").asText()));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered by " + overlay));
    }

    /** Deployments, StatefulSets, DaemonSets and Jobs: everything with a pod template. */
    Stream<ObjectNode> workloads() {
        return ofKind("Deployment", "StatefulSet", "DaemonSet", "Job");
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> list = new ArrayList<>();
        podSpec(workload).path("initContainers").forEach(list::add);
        podSpec(workload).path("containers").forEach(list::add);
        return list;
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            return it;
        };
    }

    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String render(Path overlay) {
        if (!kubectlAvailable()) {
            if (Boolean.getBoolean("deploy.check.require-kubectl")) {
                throw new AssertionError("kubectl is not on the PATH, and deploy.check.require-kubectl is set");
            }
            Assumptions.abort("kubectl is not on the PATH: the rendered manifests are not checked."
                    + " Install kubectl (it includes kustomize) to run these tests.");
        }
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectError(err.toFile()).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + overlay + " failed:\n" + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> list = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode o && o.has("kind")) {
                    list.add(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered manifests are not valid YAML", e);
        }
        if (list.isEmpty()) {
            throw new AssertionError("kustomize rendered no objects");
        }
        return list;
    }
}
