package io.mlops.inference.support;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import io.mlops.events.EventJson;
import io.mlops.events.registry.Datatype;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.TensorSpec;
import io.mlops.events.registry.VersionStatus;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.HashMap;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model registry's HTTP contract (API.md) served from memory: the same JSON records the real
 * registry writes, real ONNX bytes, sha256 and signatures read with ONNX Runtime. Lists models two
 * per page, so the paging path of a full sync is always exercised.
 */
public final class RegistryStandIn extends HttpStandIn {

    private static final int PAGE_CAP = 2;
    private static final Pattern VERSION_PATH =
            Pattern.compile("^/api/v1/models/([^/@]+)/versions/(\\d+)(/artifact|/reference-profile)?$");
    private static final Pattern MODEL_PATH = Pattern.compile("^/api/v1/models/([^/@]+)(?:@([^/]+))?$");

    private record Stored(ModelVersion json, byte[] served, String profile) {
    }

    private static final class Model {
        final Instant createdAt = Instant.now();
        final Map<Integer, Stored> versions = new ConcurrentHashMap<>();
        final Map<String, Integer> aliases = new ConcurrentHashMap<>();
    }

    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private final AtomicInteger artifactDownloads = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();
    private volatile boolean down;
    private volatile HeldListing held;
    private final Map<String, Duration> slowDownloads = new ConcurrentHashMap<>();
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();

    /**
     * The next full listing (a sync) as read at its first page, answered only once released: every
     * page shows the state of that moment, whatever changes meanwhile, as a slow read would.
     */
    public static final class HeldListing {
        private final CountDownLatch read = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch answered = new CountDownLatch(1);
        private volatile List<String> names;
        private volatile Map<String, ModelCreated> snapshot;

        /** Waits until a sync has read its first page. */
        public void awaitRead(Duration timeout) throws InterruptedException {
            if (!read.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no sync read the registry within " + timeout);
            }
        }

        /** Lets the held sync have its (now stale) pages, and waits until it had the last one. */
        public void releaseAndAwait(Duration timeout) throws InterruptedException {
            released.countDown();
            if (!answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the held sync did not read its last page within " + timeout);
            }
        }
    }

    /** Holds the next sync's listing; see {@link HeldListing}. */
    public HeldListing holdNextListing() {
        HeldListing h = new HeldListing();
        held = h;
        return h;
    }

    /** Registers the next version of a model (creating the model), as an upload would. */
    public ModelVersion addVersion(String model, byte[] onnx, VersionSpec spec) {
        return addVersion(model, onnx, onnx, spec);
    }

    /**
     * Registers a version whose artifact download answers {@code served} while its metadata
     * describes {@code registered}: a corrupt artifact when they differ.
     */
    public synchronized ModelVersion addVersion(String model, byte[] registered, byte[] served, VersionSpec spec) {
        Model m = models.computeIfAbsent(model, n -> new Model());
        int version = m.versions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        ModelVersion json = new ModelVersion(model, version, VersionStatus.READY, sha256(registered), registered.length,
                Instant.now(), "tests", null, null, Map.of(), List.of(), spec.task(), spec.labels(), spec.positiveLabel(),
                signature(registered), spec.featureRefs(), spec.encodings(), Map.of(), Map.of(), null);
        m.versions.put(version, new Stored(json, served, spec.profileJson()));
        return json;
    }

    /** Points an alias at a version in the registry's state (the event is the test's to send). */
    public void setAlias(String model, String alias, int version) {
        models.get(model).aliases.put(alias, version);
    }

    public void deleteAlias(String model, String alias) {
        models.get(model).aliases.remove(alias);
    }

    /** Every artifact download of {@code model} waits {@code delay} before its first byte. */
    public void slowDownloads(String model, Duration delay) {
        slowDownloads.put(model, delay);
    }

    /** Deletes a model, its versions and aliases (the registry sends no event for this). */
    public void deleteModel(String model) {
        models.remove(model);
    }

    /**
     * Leaves a model out of every listing while it still answers by name, as a page the listing
     * skipped would (a model deleted between two pages shifts the later ones back by one).
     */
    public void hideFromListings(String model) {
        hidden.add(model);
    }

    /** Creates a model without versions. */
    public void createModel(String model) {
        models.computeIfAbsent(model, n -> new Model());
    }

    /** While down, every call answers 503, as a registry behind a failing load balancer. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Full listings begun (first pages served): one per sync. */
    public int listings() {
        return listings.get();
    }

    public int artifactDownloads() {
        return artifactDownloads.get();
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/q/health/live")) {
            send(exchange, down ? 503 : 200, "application/json", "{\"status\":\"" + (down ? "DOWN" : "UP") + "\"}");
            return;
        }
        if (down) {
            problem(exchange, 503, "UPSTREAM_UNAVAILABLE", "registry down for the test");
            return;
        }
        if (path.equals("/api/v1/models")) {
            list(exchange);
            return;
        }
        Matcher v = VERSION_PATH.matcher(path);
        if (v.matches()) {
            version(exchange, v.group(1), Integer.parseInt(v.group(2)), v.group(3));
            return;
        }
        Matcher m = MODEL_PATH.matcher(path);
        if (m.matches()) {
            Model model = models.get(m.group(1));
            if (model == null) {
                problem(exchange, 404, "MODEL_NOT_FOUND", "no model " + m.group(1));
            } else if (m.group(2) == null) {
                json(exchange, modelJson(m.group(1), model));
            } else {
                Integer version = model.aliases.get(m.group(2));
                if (version == null) {
                    problem(exchange, 404, "NOT_FOUND", "no alias " + m.group(2));
                } else {
                    json(exchange, model.versions.get(version).json());
                }
            }
            return;
        }
        problem(exchange, 404, "NOT_FOUND", "no route " + path);
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        int offset = 0;
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("pageToken=")) {
                    offset = Integer.parseInt(part.substring("pageToken=".length()));
                }
            }
        }
        if (offset == 0) {
            listings.incrementAndGet();
        }
        HeldListing h = held;
        List<String> names;
        Map<String, ModelCreated> view;
        if (h != null && (offset == 0 || h.snapshot != null)) {
            if (h.snapshot == null) {
                h.names = new ArrayList<>(new TreeMap<>(models).keySet());
                Map<String, ModelCreated> snapshot = new HashMap<>();
                h.names.forEach(n -> snapshot.put(n, modelJson(n, models.get(n))));
                h.snapshot = snapshot;
                h.read.countDown();
                try {
                    h.released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            names = h.names;
            view = h.snapshot;
        } else {
            names = new ArrayList<>(new TreeMap<>(models).keySet());
            names.removeAll(hidden);
            view = null;
        }
        List<ModelCreated> page = new ArrayList<>();
        for (int i = offset; i < Math.min(names.size(), offset + PAGE_CAP); i++) {
            page.add(view != null ? view.get(names.get(i)) : modelJson(names.get(i), models.get(names.get(i))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", page);
        if (offset + PAGE_CAP < names.size()) {
            body.put("nextPageToken", Integer.toString(offset + PAGE_CAP));
        } else if (view != null) {
            held = null;
            h.answered.countDown();
        }
        json(exchange, body);
    }

    private void version(HttpExchange exchange, String name, int version, String part) throws IOException {
        Model model = models.get(name);
        Stored stored = model == null ? null : model.versions.get(version);
        if (stored == null) {
            problem(exchange, 404, "VERSION_NOT_FOUND", "no version " + version + " of " + name);
        } else if (part == null) {
            json(exchange, stored.json());
        } else if (part.equals("/artifact")) {
            artifactDownloads.incrementAndGet();
            Duration delay = slowDownloads.get(name);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().add("ETag", "\"" + stored.json().sha256() + "\"");
            send(exchange, 200, "application/octet-stream", stored.served());
        } else if (stored.profile() == null) {
            problem(exchange, 404, "NOT_FOUND", "no reference profile");
        } else {
            send(exchange, 200, "application/json", stored.profile());
        }
    }

    private static ModelCreated modelJson(String name, Model model) {
        int latest = model.versions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new ModelCreated(name, null, Map.of(), model.createdAt, model.createdAt, latest == 0 ? null : latest,
                new TreeMap<>(model.aliases));
    }

    private static void json(HttpExchange exchange, Object body) throws IOException {
        try {
            send(exchange, 200, "application/json", EventJson.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
    }

    /** The real signature, as the registry reads it on upload; null for bytes that are not a model. */
    private static Signature signature(byte[] onnx) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx, options)) {
            return new Signature(specs(session.getInputInfo()), specs(session.getOutputInfo()));
        } catch (OrtException e) {
            return null;
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            TensorInfo info = (TensorInfo) node.getInfo();
            Datatype datatype = switch (info.type) {
                case FLOAT -> Datatype.FP32;
                case DOUBLE -> Datatype.FP64;
                case INT64 -> Datatype.INT64;
                case INT32 -> Datatype.INT32;
                case BOOL -> Datatype.BOOL;
                case STRING -> Datatype.BYTES;
                default -> Datatype.UINT8;
            };
            specs.add(new TensorSpec(node.getName(), datatype, Arrays.stream(info.getShape()).boxed().toList()));
        }
        return specs;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
