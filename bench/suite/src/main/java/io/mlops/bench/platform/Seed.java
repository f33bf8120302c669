package io.mlops.bench.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import io.mlops.cli.train.TrainingPipeline;
import io.mlops.cli.train.TrainingRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Puts what the benchmarks read into the platform, once: the German Credit model trained through
 * the feature store and served as champion, and a registry of 10,000 versions to search. Each step
 * checks what is there first, so a second run reuses the data of the first.
 */
public final class Seed {

    public static final String MODEL = "credit-risk";
    public static final String VIEW = "credit-applicants";
    public static final String JOIN_KEY = "applicant_id";
    static final String SEARCH_PREFIX = "bench-search-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchTargets targets;
    private final RegistryClient registry;
    private final Consumer<String> log;

    public Seed(BenchTargets targets, Consumer<String> log) {
        this.targets = targets;
        this.registry = new RegistryClient(targets.registry(), "bench");
        this.log = log;
    }

    /** The served champion, trained first if the platform has none. */
    public Champion champion() throws Exception {
        JsonNode version;
        try {
            version = registry.get("/api/v1/models/" + MODEL + "@champion");
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            log.accept("training " + MODEL + " through the feature store (first run only)");
            FeatureStoreClient features = new FeatureStoreClient(targets.featureStore(), "bench");
            int trained = new TrainingPipeline(registry, features, progress())
                    .run(new TrainingRequest("credit-g", "class", "bad", "credit-risk", MODEL, VIEW,
                            "applicant", JOIN_KEY, 90L * 86_400, 42, 15, 0.5, 0.2))
                    .version();
            registry.setAlias(MODEL, "champion", trained);
            version = registry.version(MODEL, trained);
        }
        int v = version.path("version").asInt();
        awaitServed(v);
        JsonNode input = version.path("signature").path("inputs").get(0);
        List<String> featureRefs = new ArrayList<>();
        version.path("featureRefs").forEach(ref -> featureRefs.add(ref.asText()));
        byte[] onnx = download("/api/v1/models/" + MODEL + "/versions/" + v + "/artifact");
        return new Champion(v, input.path("name").asText(), input.path("shape").get(1).asInt(), featureRefs,
                onnx, version);
    }

    /**
     * {@code models} models of {@code versionsEach} versions, tagged so a filter selects about a
     * tenth of them, each a real upload of the champion's artifact (the registry opens every one
     * with ONNX Runtime).
     */
    public void searchVersions(Champion champion, int models, int versionsEach) throws Exception {
        List<Integer> missing = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            if (latestVersion(searchModel(m)) < versionsEach) {
                missing.add(m);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        log.accept("registering " + (models * versionsEach) + " versions to search (first run only; a few minutes)");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int m : missing) {
                work.add(pool.submit(() -> {
                    fill(champion, m, versionsEach);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void fill(Champion champion, int m, int versionsEach) throws IOException {
        String name = searchModel(m);
        registry.ensureModel(name, "Benchmark data: versions to search");
        for (int v = latestVersion(name) + 1; v <= versionsEach; v++) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("description", "search benchmark version");
            metadata.put("tags", Map.of("team", "team-" + (v % 10), "bench", "search"));
            metadata.put("task", champion.version().path("task").asText());
            metadata.put("labels", champion.version().path("labels"));
            metadata.put("positiveLabel", champion.version().path("positiveLabel").asText());
            metadata.put("featureRefs", champion.version().path("featureRefs"));
            metadata.put("encodings", champion.version().path("encodings"));
            metadata.put("metrics", Map.of("auc", 0.5 + ((m * 131 + v * 17) % 500) / 1000.0));
            registry.registerVersion(name, champion.onnx(), JSON.writeValueAsBytes(metadata));
        }
    }

    private TrainingPipeline.Progress progress() {
        return new TrainingPipeline.Progress() {
            @Override
            public void step(String message) {
                log.accept("  " + message);
            }

            @Override
            public void detail(String message) {
                // steps are enough here
            }
        };
    }

    static String searchModel(int m) {
        return SEARCH_PREFIX + String.format("%02d", m);
    }

    private int latestVersion(String model) {
        try {
            JsonNode page = registry.get("/api/v1/models/" + model + "/versions?orderBy=version%20DESC&pageSize=1");
            JsonNode first = page.path("modelVersions").path(0);
            return first.isMissingNode() ? 0 : first.path("version").asInt();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return 0;
            }
            throw e;
        }
    }

    private void awaitServed(int version) throws InterruptedException {
        ServiceClient inference = new ServiceClient("inference-service", targets.inference(), "bench");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (inference.get("/v2/models/" + MODEL + "/versions/" + version + "/ready").path("ready").asBoolean()) {
                    return;
                }
            } catch (ApiException notYet) {
                // not loaded yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("inference-service does not serve " + MODEL + " v" + version);
    }

    private byte[] download(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(targets.registry() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The served champion: its version, its one input and the artifact bytes. */
    public record Champion(int number, String inputName, int columns, List<String> featureRefs, byte[] onnx,
                           JsonNode version) {
    }
}
