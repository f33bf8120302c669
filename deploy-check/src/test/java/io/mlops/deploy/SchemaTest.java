package io.mlops.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rendered object binds to the Kubernetes API types (fabric8's model of the API): a
 * misspelt or misplaced field lands in the model's catch-all "additionalProperties", which this
 * test reports with its path. Offline stand-in for a server-side dry run.
 */
class SchemaTest {

    private static final Map<String, Class<? extends KubernetesResource>> TYPES = Map.ofEntries(
            Map.entry("Namespace", Namespace.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Secret", Secret.class),
            Map.entry("Service", Service.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("StatefulSet", StatefulSet.class),
            Map.entry("Job", Job.class),
            Map.entry("Role", Role.class),
            Map.entry("RoleBinding", RoleBinding.class));

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void everyObjectHasOnlyFieldsTheApiKnows() {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Rendered.kind().all()) {
            String kind = object.path("kind").asText();
            Class<? extends KubernetesResource> type = TYPES.get(kind);
            if (type == null) {
                problems.add(Rendered.id(object) + ": kind " + kind + " is not expected in this overlay");
                continue;
            }
            try {
                Object typed = MAPPER.treeToValue(object, type);
                unknownFields(typed, Rendered.id(object), problems, new IdentityHashMap<>());
            } catch (Exception e) {
                problems.add(Rendered.id(object) + ": does not bind to " + type.getSimpleName() + ": " + e.getMessage());
            }
        }
        ManifestsTest.assertNoProblems(problems);
    }

    /** Walks the typed object graph and reports every non-empty additionalProperties map. */
    private static void unknownFields(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else {
                    String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                    unknownFields(value, path + "." + field, problems, seen);
                }
            } catch (ReflectiveOperationException e) {
                problems.add(path + ": cannot read " + getter.getName() + ": " + e.getMessage());
            }
        }
    }
}
