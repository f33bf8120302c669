package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kind overlay, rendered by kustomize, is consistent with itself and with the services:
 * selectors, ports, host names, images, resources, probes, configuration and topics.
 */
class ManifestsTest {

    private static final String NAMESPACE = "mlops";
    /** The Job that trains and promotes the first champion (deploy/k8s/base/trainer). */
    private static final String TRAINER = "mlops-trainer";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "");
    /** scheme://host:port anywhere in a value (JDBC URLs, HTTP URLs, Kafka listeners). */
    private static final Pattern URL_HOST = Pattern.compile("://([A-Za-z0-9.-]*):(\\d+)");
    /** Which service each peer URL of docs/api.md must point at. */
    private static final Map<String, String> PEER_URLS = Map.of(
            "MLOPS_REGISTRY_URL", "model-registry",
            "MLOPS_FEATURE_STORE_URL", "feature-store",
            "MLOPS_INFERENCE_URL", "inference-service",
            "MLOPS_MONITOR_URL", "drift-monitor");

    private static Rendered rendered;
    private static Workloads workloads;

    @BeforeAll
    static void render() {
        rendered = Rendered.kind();
        workloads = new Workloads(rendered);
    }

    @Test
    void everyServiceSelectsPodsAndTheirTargetPortsExist() {
        List<String> problems = new ArrayList<>();
        rendered.ofKind("Service").forEach(service -> {
            List<JsonNode> selected = workloads.selectedBy(service);
            if (selected.isEmpty()) {
                problems.add(Rendered.id(service) + ": selector " + Workloads.selector(service) + " matches no pod template");
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                for (JsonNode workload : selected) {
                    boolean found = Rendered.containers(workload).stream().anyMatch(c -> Workloads.declaresPort(c, target));
                    if (!found) {
                        problems.add(Rendered.id(service) + ": targetPort " + target + " is not a port of " + Rendered.id(workload));
                    }
                }
            }
        });
        assertNoProblems(problems);
    }

    @Test
    void everyProbePortExistsOnItsContainer() {
        List<String> problems = new ArrayList<>();
        rendered.workloads().forEach(w -> Rendered.containers(w).forEach(c -> {
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                if (c.has(probe)) {
                    Workloads.probePort(c.path(probe)).ifPresent(port -> {
                        if (!Workloads.declaresPort(c, port)) {
                            problems.add(Rendered.id(w) + " container " + c.path("name").asText() + ": " + probe
                                    + " uses port " + port + ", which the container does not declare");
                        }
                    });
                }
            }
        }));
        assertNoProblems(problems);
    }

    @Test
    void everyHostInTheConfigurationIsAServiceOfTheOverlayWithThatPort() {
        List<String> problems = new ArrayList<>();
        rendered.workloads().forEach(w -> Rendered.containers(w).forEach(c -> {
            Map<String, String> env = workloads.environment(w, c, problems);
            env.forEach((name, value) -> {
                String where = Rendered.id(w) + " env " + name;
                checkUrls(where, value, problems);
                if (name.endsWith("BOOTSTRAP")) {
                    for (String server : value.split(",")) {
                        String[] hostPort = server.trim().split(":");
                        checkHost(where, hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : -1, problems);
                    }
                }
            });
        }));
        rendered.ofKind("ConfigMap").forEach(cm -> Workloads.data(cm).forEach((key, value) -> {
            if (!key.endsWith(".json")) {
                checkUrls(Rendered.id(cm) + " key " + key, value, problems);
            }
        }));
        assertNoProblems(problems);
    }

    @Test
    void peerUrlsDatabaseAndBrokerPointAtTheRightWorkloads() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode deployment = rendered.get("Deployment", service);
            JsonNode container = Rendered.containers(deployment).get(0);
            Map<String, String> env = workloads.environment(deployment, container, problems);
            PEER_URLS.forEach((variable, peer) -> {
                URI uri = URI.create(env.getOrDefault(variable, "missing:"));
                if (!peer.equals(uri.getHost()) || uri.getPort() != Repo.httpPort(peer)) {
                    problems.add(service + ": " + variable + "=" + env.get(variable) + " should be http://" + peer + ":"
                            + Repo.httpPort(peer));
                }
            });
            String db = env.getOrDefault("MLOPS_DB_URL", "");
            Matcher m = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)/([a-z_]+)").matcher(db);
            if (!m.find()) {
                problems.add(service + ": MLOPS_DB_URL=" + db + " is not a PostgreSQL JDBC URL");
            } else {
                JsonNode postgres = selectedWorkload(m.group(1), problems);
                if (postgres != null && !Rendered.containers(postgres).get(0).path("image").asText().startsWith("postgres:")) {
                    problems.add(service + ": MLOPS_DB_URL host " + m.group(1) + " does not select the PostgreSQL pods");
                }
                if (postgres != null) {
                    Map<String, String> pgEnv = workloads.environment(postgres, Rendered.containers(postgres).get(0), problems);
                    if (!m.group(3).equals(pgEnv.get("POSTGRES_DB"))) {
                        problems.add("database " + m.group(3) + " of MLOPS_DB_URL is not the POSTGRES_DB " + pgEnv.get("POSTGRES_DB"));
                    }
                    if (!env.get("MLOPS_DB_USER").equals(pgEnv.get("POSTGRES_USER"))
                            || !env.get("MLOPS_DB_PASSWORD").equals(pgEnv.get("POSTGRES_PASSWORD"))) {
                        problems.add(service + ": MLOPS_DB_USER/PASSWORD differ from PostgreSQL's POSTGRES_USER/PASSWORD");
                    }
                }
            }
            String bootstrap = env.getOrDefault("MLOPS_KAFKA_BOOTSTRAP", "");
            JsonNode kafka = selectedWorkload(bootstrap.split(":")[0], problems);
            if (kafka != null) {
                Map<String, String> kafkaEnv = workloads.environment(kafka, Rendered.containers(kafka).get(0), problems);
                if (!kafkaEnv.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").contains("://" + bootstrap)) {
                    problems.add(service + ": MLOPS_KAFKA_BOOTSTRAP=" + bootstrap + " is not an advertised listener of "
                            + Rendered.id(kafka) + " (" + kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS") + ")");
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void serviceImagesAreTheOnesJibBuilds() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode deployment = rendered.get("Deployment", service);
            String image = Rendered.containers(deployment).get(0).path("image").asText();
            String expected = Repo.image(service);
            if (!image.equals(expected)) {
                problems.add(service + ": image " + image + ", but Jib builds " + expected);
            }
        }
        // Third-party images carry an explicit tag; only the platform's own images come from Jib.
        rendered.workloads().forEach(w -> Rendered.containers(w).forEach(c -> {
            String image = c.path("image").asText();
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            if (tag.isEmpty() || tag.equals("latest")) {
                problems.add(Rendered.id(w) + ": image " + image + " has no pinned tag");
            }
            if (image.startsWith("mlops/") && Repo.IMAGES.stream().map(Repo::image).noneMatch(image::equals)) {
                problems.add(Rendered.id(w) + ": uses platform image " + image + " that no module builds");
            }
        }));
        String trainer = Rendered.containers(rendered.get("Job", TRAINER)).get(0).path("image").asText();
        if (!trainer.equals(Repo.image(Repo.CLI))) {
            problems.add("Job " + TRAINER + ": image " + trainer + ", but Jib builds " + Repo.image(Repo.CLI) + " from mlops-cli");
        }
        // One naming scheme: the CLI's image is in the services' group.
        String group = Repo.image(Repo.SERVICES.get(0)).replaceFirst("/.*", "");
        if (!Repo.image(Repo.CLI).startsWith(group + "/")) {
            problems.add("the CLI image " + Repo.image(Repo.CLI) + " is not in the services' group " + group);
        }
        assertNoProblems(problems);
    }

    @Test
    void theTrainerJobTrainsAndPromotesTheDemoModelOnce() {
        JsonNode job = rendered.get("Job", TRAINER);
        JsonNode container = Rendered.containers(job).get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        List<String> problems = new ArrayList<>();
        if (container.has("command")) {
            problems.add("the Job overrides the image's entrypoint (java -jar ...): " + container.path("command"));
        }
        if (args.isEmpty() || !args.get(0).equals("train")) {
            problems.add("the Job's args do not start with the train subcommand: " + args);
        }
        // `mlops demo`'s training request (DemoCommand), then promotion to champion, skipped on a re-run.
        for (String expected : List.of("--dataset=credit-g", "--model=credit-risk", "--experiment=credit-risk",
                "--view=credit-applicants", "--entity=applicant", "--join-key=applicant_id", "--promote=champion",
                "--skip-if-promoted")) {
            if (!args.contains(expected)) {
                problems.add("the Job's args lack " + expected + ": " + args);
            }
        }
        if (args.stream().noneMatch(a -> a.matches("--wait=\\d+[smh]"))) {
            problems.add("the Job does not wait for the registry and the feature store (--wait=<duration>): " + args);
        }
        // deploy/check.sh runs the same command from the CLI image against the real services.
        Matcher smoke = Pattern.compile("TRAINER_ARGS=\\(([^)]*)\\)")
                .matcher(Repo.read(Repo.deploy().resolve("images/smoke-run.sh")));
        if (!smoke.find()) {
            problems.add("deploy/images/smoke-run.sh has no TRAINER_ARGS");
        } else if (!Arrays.asList(smoke.group(1).trim().split("\\s+")).equals(args)) {
            problems.add("smoke-run.sh's TRAINER_ARGS " + smoke.group(1).trim().replaceAll("\\s+", " ")
                    + " differ from the Job's args " + String.join(" ", args));
        }
        Map<String, String> env = workloads.environment(job, container, problems);
        for (String variable : List.of("MLOPS_REGISTRY_URL", "MLOPS_FEATURE_STORE_URL")) {
            String peer = PEER_URLS.get(variable);
            URI uri = URI.create(env.getOrDefault(variable, "missing:"));
            if (!peer.equals(uri.getHost()) || uri.getPort() != Repo.httpPort(peer)) {
                problems.add(TRAINER + ": " + variable + "=" + env.get(variable) + " should be http://" + peer + ":" + Repo.httpPort(peer));
            }
        }
        // ONNX Runtime's telemetry client crashes the JVM in images without /etc/machine-id.
        for (JsonNode onnx : List.of(job, rendered.get("Deployment", "inference-service"))) {
            Map<String, String> onnxEnv = workloads.environment(onnx, Rendered.containers(onnx).get(0), problems);
            if (!"1".equals(onnxEnv.get("ORT_DISABLE_TELEMETRY"))) {
                problems.add(Rendered.id(onnx) + " runs ONNX Runtime without ORT_DISABLE_TELEMETRY=1");
            }
        }
        JsonNode spec = job.path("spec");
        if (spec.path("backoffLimit").asInt(-1) < 1) {
            problems.add(TRAINER + ": no backoffLimit of at least 1");
        }
        if (spec.path("ttlSecondsAfterFinished").asInt(-1) < 1) {
            problems.add(TRAINER + ": no ttlSecondsAfterFinished");
        }
        if (!spec.path("activeDeadlineSeconds").isInt()) {
            problems.add(TRAINER + ": no activeDeadlineSeconds");
        }
        JsonNode pod = Rendered.podSpec(job);
        if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
            problems.add(TRAINER + ": not runAsNonRoot");
        }
        // A read-only root file system needs a writable /tmp: ONNX Runtime unpacks its native library there.
        if (container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
            boolean tmp = false;
            for (JsonNode m : container.path("volumeMounts")) {
                tmp |= m.path("mountPath").asText().equals("/tmp");
            }
            if (!tmp) {
                problems.add(TRAINER + ": read-only root file system without a /tmp volume");
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void everyContainerHasResourceRequestsAndLimits() {
        List<String> problems = new ArrayList<>();
        rendered.workloads().forEach(w -> Rendered.containers(w).forEach(c -> {
            for (String path : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                String[] p = path.split("/");
                if (c.path("resources").path(p[0]).path(p[1]).asText().isBlank()) {
                    problems.add(Rendered.id(w) + " container " + c.path("name").asText() + ": no resources." + p[0] + "." + p[1]);
                }
            }
        }));
        assertNoProblems(problems);
    }

    @Test
    void longRunningContainersHaveReadinessAndLivenessProbes() {
        List<String> problems = new ArrayList<>();
        rendered.ofKind("Deployment", "StatefulSet").forEach(w -> Rendered.containers(w).forEach(c -> {
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                if (!c.has(probe)) {
                    problems.add(Rendered.id(w) + " container " + c.path("name").asText() + ": no " + probe);
                }
            }
        }));
        assertNoProblems(problems);
    }

    @Test
    void servicesUseTheirHealthEndpointsPortsAndMetricsAnnotations() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode deployment = rendered.get("Deployment", service);
            JsonNode container = Rendered.containers(deployment).get(0);
            int port = Repo.httpPort(service);
            if (!Workloads.declaresPort(container, intNode(port))) {
                problems.add(service + ": container does not declare its HTTP port " + port);
            }
            expectHttpProbe(service, container, "readinessProbe", "/q/health/ready", port, problems);
            expectHttpProbe(service, container, "livenessProbe", "/q/health/live", port, problems);
            // The inference service has started once its models are loaded (OIP server readiness).
            String started = service.equals("inference-service") ? "/v2/health/ready" : "/q/health/live";
            expectHttpProbe(service, container, "startupProbe", started, port, problems);
            JsonNode annotations = deployment.path("spec").path("template").path("metadata").path("annotations");
            expectEquals(service + " annotation prometheus.io/scrape", "true", annotations.path("prometheus.io/scrape").asText(), problems);
            expectEquals(service + " annotation prometheus.io/path", "/q/metrics", annotations.path("prometheus.io/path").asText(), problems);
            expectEquals(service + " annotation prometheus.io/port", String.valueOf(port), annotations.path("prometheus.io/port").asText(), problems);
            JsonNode svc = rendered.get("Service", service);
            boolean exposes = false;
            for (JsonNode p : svc.path("spec").path("ports")) {
                exposes |= p.path("port").asInt() == port;
            }
            if (!exposes) {
                problems.add("Service " + service + " does not expose port " + port);
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void servicesGetEveryContractVariableAndNoUnknownOne() {
        Set<String> contract = ApiContract.load().environmentVariables();
        assertTrue(contract.containsAll(List.of("MLOPS_DB_URL", "MLOPS_KAFKA_BOOTSTRAP", "MLOPS_HOME")),
                "docs/api.md's Configuration section lists the MLOPS_* variables: " + contract);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode deployment = rendered.get("Deployment", service);
            Map<String, String> env = workloads.environment(deployment, Rendered.containers(deployment).get(0), problems);
            Set<String> required = new TreeSet<>(contract);
            if (!service.equals("model-registry")) {
                required.remove("MLOPS_ARTIFACT_DIR");
            }
            required.removeAll(env.keySet());
            if (!required.isEmpty()) {
                problems.add(service + ": missing " + required);
            }
            env.keySet().stream().filter(k -> k.startsWith("MLOPS_") && !contract.contains(k))
                    .forEach(k -> problems.add(service + ": " + k + " is not a variable of docs/api.md"));
            env.forEach((k, v) -> {
                if (k.startsWith("MLOPS_") && v.isBlank()) {
                    problems.add(service + ": " + k + " is empty");
                }
            });
        }
        assertNoProblems(problems);
    }

    @Test
    void registryArtifactsLiveOnAPersistentVolumeClaim() {
        List<String> problems = new ArrayList<>();
        JsonNode registry = rendered.get("Deployment", "model-registry");
        JsonNode container = Rendered.containers(registry).get(0);
        String dir = workloads.environment(registry, container, problems).get("MLOPS_ARTIFACT_DIR");
        List<String> mounts = workloads.persistentMounts(registry, container);
        assertTrue(dir != null && mounts.stream().anyMatch(m -> dir.equals(m) || dir.startsWith(m + "/")),
                "MLOPS_ARTIFACT_DIR=" + dir + " must be on a PVC mount, but PVC mounts are " + mounts);
        for (JsonNode v : Rendered.podSpec(registry).path("volumes")) {
            if (v.has("persistentVolumeClaim")) {
                String claim = v.path("persistentVolumeClaim").path("claimName").asText();
                assertTrue(rendered.find("PersistentVolumeClaim", claim).isPresent(), "PVC " + claim + " is not rendered");
            }
        }
        assertEquals("Recreate", registry.path("spec").path("strategy").path("type").asText(),
                "a ReadWriteOnce volume needs the Recreate strategy");
        assertNoProblems(problems);
    }

    @Test
    void kafkaAndPostgresKeepTheirDataOnVolumeClaims() {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("kafka", "postgres")) {
            JsonNode sts = rendered.get("StatefulSet", name);
            if (workloads.persistentMounts(sts, Rendered.containers(sts).get(0)).isEmpty()) {
                problems.add("StatefulSet " + name + " mounts no volume claim");
            }
        }
        JsonNode kafka = rendered.get("StatefulSet", "kafka");
        Map<String, String> env = workloads.environment(kafka, Rendered.containers(kafka).get(0), problems);
        expectEquals("kafka KAFKA_PROCESS_ROLES (KRaft, combined)", "broker,controller", env.get("KAFKA_PROCESS_ROLES"), problems);
        expectEquals("kafka replicas", "1", kafka.path("spec").path("replicas").asText(), problems);
        if (!Rendered.containers(kafka).get(0).path("image").asText().startsWith("apache/kafka:")) {
            problems.add("kafka does not run the official apache/kafka image");
        }
        String logDirs = env.getOrDefault("KAFKA_LOG_DIRS", "");
        if (workloads.persistentMounts(kafka, Rendered.containers(kafka).get(0)).stream().noneMatch(logDirs::startsWith)) {
            problems.add("KAFKA_LOG_DIRS=" + logDirs + " is not on the volume claim");
        }
        // The image turns KAFKA_* variables into broker properties: Kubernetes' service-link
        // variables (KAFKA_PORT=tcp://...) must not be injected into pods running it.
        rendered.workloads().filter(w -> Rendered.containers(w).stream()
                        .anyMatch(c -> c.path("image").asText().startsWith("apache/kafka:")))
                .filter(w -> Rendered.podSpec(w).path("enableServiceLinks").asBoolean(true))
                .forEach(w -> problems.add(Rendered.id(w) + " runs apache/kafka with enableServiceLinks on"));
        assertNoProblems(problems);
    }

    @Test
    void theTopicsJobCreatesEveryContractTopicWithThreePartitions() {
        Set<String> contract = ApiContract.load().topics();
        assertTrue(contract.size() >= 9 && contract.stream().filter(t -> t.contains(".dlq.")).count() == 2,
                "docs/api.md lists seven topics and two dead-letter topics: " + contract);
        JsonNode job = rendered.get("Job", "kafka-topics");
        List<String> problems = new ArrayList<>();
        Map<String, String> env = workloads.environment(job, Rendered.containers(job).get(0), problems);
        Set<String> topics = new LinkedHashSet<>(Arrays.asList(env.getOrDefault("TOPICS", "").trim().split("\\s+")));
        assertEquals(new TreeSet<>(contract), new TreeSet<>(topics), "topics created by Job kafka-topics");
        assertEquals("3", env.get("PARTITIONS"), "partitions per topic");
        String script = Rendered.containers(job).get(0).path("command").toString();
        assertTrue(script.contains("--if-not-exists") && script.contains("$TOPICS") && script.contains("--partitions"),
                "the Job creates each of $TOPICS idempotently");
        assertNoProblems(problems);
    }

    @Test
    void everythingIsInTheMlopsNamespace() {
        assertTrue(rendered.find("Namespace", NAMESPACE).isPresent(), "Namespace " + NAMESPACE + " is rendered");
        List<String> problems = new ArrayList<>();
        Set<String> clusterScoped = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass");
        rendered.all().stream().filter(o -> !clusterScoped.contains(o.path("kind").asText()))
                .filter(o -> !NAMESPACE.equals(o.path("metadata").path("namespace").asText()))
                .forEach(o -> problems.add(Rendered.id(o) + " is in namespace '" + o.path("metadata").path("namespace").asText() + "'"));
        rendered.ofKind("RoleBinding").forEach(rb -> rb.path("subjects").forEach(s -> {
            if ("ServiceAccount".equals(s.path("kind").asText())) {
                if (!NAMESPACE.equals(s.path("namespace").asText())) {
                    problems.add(Rendered.id(rb) + ": subject " + s.path("name").asText() + " not in " + NAMESPACE);
                }
                if (rendered.find("ServiceAccount", s.path("name").asText()).isEmpty()) {
                    problems.add(Rendered.id(rb) + ": ServiceAccount " + s.path("name").asText() + " is not rendered");
                }
            }
        }));
        assertNoProblems(problems);
    }

    @Test
    void everyReferencedConfigMapSecretAndServiceAccountExists() {
        List<String> problems = new ArrayList<>();
        rendered.workloads().forEach(w -> {
            Rendered.containers(w).forEach(c -> workloads.environment(w, c, problems));
            for (JsonNode v : Rendered.podSpec(w).path("volumes")) {
                if (v.has("configMap") && rendered.find("ConfigMap", v.path("configMap").path("name").asText()).isEmpty()) {
                    problems.add(Rendered.id(w) + ": volume ConfigMap " + v.path("configMap").path("name").asText() + " does not exist");
                }
                if (v.has("secret") && rendered.find("Secret", v.path("secret").path("secretName").asText()).isEmpty()) {
                    problems.add(Rendered.id(w) + ": volume Secret " + v.path("secret").path("secretName").asText() + " does not exist");
                }
            }
            String sa = Rendered.podSpec(w).path("serviceAccountName").asText("");
            if (!sa.isEmpty() && rendered.find("ServiceAccount", sa).isEmpty()) {
                problems.add(Rendered.id(w) + ": ServiceAccount " + sa + " does not exist");
            }
        });
        assertNoProblems(problems);
    }

    @Test
    void prometheusAndGrafanaFindTheirConfiguration() {
        JsonNode prometheus = rendered.get("Deployment", "prometheus");
        JsonNode container = Rendered.containers(prometheus).get(0);
        String configFile = "";
        for (JsonNode arg : container.path("args")) {
            if (arg.asText().startsWith("--config.file=")) {
                configFile = arg.asText().substring("--config.file=".length());
            }
        }
        Map<String, String> mounted = mountedFiles(prometheus, container);
        assertTrue(mounted.containsKey(configFile), "Prometheus' " + configFile + " is mounted: " + mounted.keySet());
        JsonNode config = readYaml(mounted.get(configFile));
        for (JsonNode ruleFile : config.path("rule_files")) {
            assertTrue(mounted.containsKey(ruleFile.asText()), "rule file " + ruleFile.asText() + " is mounted: " + mounted.keySet());
        }

        JsonNode grafana = rendered.get("Deployment", "grafana");
        JsonNode g = Rendered.containers(grafana).get(0);
        Map<String, String> files = mountedFiles(grafana, g);
        String providers = files.entrySet().stream().filter(e -> e.getKey().startsWith("/etc/grafana/provisioning/dashboards/"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no dashboard provider file"));
        String dashboardsPath = readYaml(providers).path("providers").get(0).path("options").path("path").asText();
        List<String> dashboards = files.keySet().stream().filter(f -> f.startsWith(dashboardsPath + "/") && f.endsWith(".json"))
                .collect(Collectors.toList());
        assertEquals(5, dashboards.size(), "dashboards under " + dashboardsPath + ": " + dashboards);
        List<String> problems = new ArrayList<>();
        Map<String, String> env = workloads.environment(grafana, g, problems);
        assertTrue(files.containsKey(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")), "the home dashboard is mounted");
        String datasources = files.entrySet().stream().filter(e -> e.getKey().startsWith("/etc/grafana/provisioning/datasources/"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no datasource file"));
        JsonNode ds = readYaml(datasources).path("datasources").get(0);
        assertEquals("prometheus", ds.path("uid").asText(), "the dashboards refer to the datasource uid 'prometheus'");
        assertNoProblems(problems);
    }

    /** Files a container sees from ConfigMap volumes: mount path + "/" + key to content. */
    private Map<String, String> mountedFiles(JsonNode workload, JsonNode container) {
        Map<String, String> volumes = new LinkedHashMap<>();
        for (JsonNode v : Rendered.podSpec(workload).path("volumes")) {
            if (v.has("configMap")) {
                volumes.put(v.path("name").asText(), v.path("configMap").path("name").asText());
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode m : container.path("volumeMounts")) {
            String cm = volumes.get(m.path("name").asText());
            if (cm != null) {
                Workloads.data(rendered.get("ConfigMap", cm)).forEach((k, v) -> files.put(m.path("mountPath").asText() + "/" + k, v));
            }
        }
        return files;
    }

    private static JsonNode readYaml(String text) {
        try {
            return Rendered.YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("invalid YAML: " + e.getMessage(), e);
        }
    }

    private JsonNode selectedWorkload(String serviceName, List<String> problems) {
        var service = rendered.find("Service", serviceName);
        if (service.isEmpty()) {
            problems.add("no Service " + serviceName);
            return null;
        }
        List<JsonNode> selected = workloads.selectedBy(service.get());
        if (selected.size() != 1) {
            problems.add("Service " + serviceName + " selects " + selected.size() + " workloads");
            return null;
        }
        return selected.get(0);
    }

    private void checkUrls(String where, String value, List<String> problems) {
        Matcher m = URL_HOST.matcher(value);
        while (m.find()) {
            checkHost(where, m.group(1), Integer.parseInt(m.group(2)), problems);
        }
    }

    private void checkHost(String where, String host, int port, List<String> problems) {
        if (LOCAL_HOSTS.contains(host)) {
            return;
        }
        String name = host.replaceFirst("\\." + NAMESPACE + "(\\.svc(\\.cluster\\.local)?)?$", "");
        var service = rendered.find("Service", name);
        if (service.isEmpty()) {
            problems.add(where + ": host " + host + " is not a Service of the overlay");
            return;
        }
        boolean hasPort = false;
        for (JsonNode p : service.get().path("spec").path("ports")) {
            hasPort |= p.path("port").asInt() == port;
        }
        if (port > 0 && !hasPort) {
            problems.add(where + ": Service " + name + " has no port " + port);
        }
    }

    private static void expectHttpProbe(String service, JsonNode container, String probe, String path, int port, List<String> problems) {
        JsonNode http = container.path(probe).path("httpGet");
        if (!path.equals(http.path("path").asText())) {
            problems.add(service + ": " + probe + " path is '" + http.path("path").asText() + "', expected " + path);
        }
        if (!Workloads.declaresPort(container, http.path("port")) || !portIs(container, http.path("port"), port)) {
            problems.add(service + ": " + probe + " port " + http.path("port") + " is not the HTTP port " + port);
        }
    }

    private static boolean portIs(JsonNode container, JsonNode port, int number) {
        for (JsonNode p : container.path("ports")) {
            boolean same = port.isInt() ? p.path("containerPort").asInt() == port.asInt() : p.path("name").asText().equals(port.asText());
            if (same) {
                return p.path("containerPort").asInt() == number;
            }
        }
        return false;
    }

    private static JsonNode intNode(int value) {
        return com.fasterxml.jackson.databind.node.IntNode.valueOf(value);
    }

    private static void expectEquals(String what, String expected, String actual, List<String> problems) {
        if (!expected.equals(actual)) {
            problems.add(what + ": expected '" + expected + "', found '" + actual + "'");
        }
    }

    static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s):\n  " + String.join("\n  ", new LinkedHashSet<>(problems)));
        }
    }
}
