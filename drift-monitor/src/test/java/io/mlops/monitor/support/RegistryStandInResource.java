package io.mlops.monitor.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves model-registry's HTTP contract for versions and reference profiles
 * ({@code GET /api/v1/models/{m}/versions/{v}} and {@code .../reference-profile}, 404 problem+json
 * when unknown) on a random port, from what tests put there through {@code PUT /admin/...}. It can
 * also play dead ({@code POST /admin/down}: every call answers 503) to test registry outages.
 * Tests reach it over HTTP ({@link RegistryStandIn}), which keeps it independent of class loaders.
 */
public class RegistryStandInResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern VERSION = Pattern.compile("^/api/v1/models/([^/]+)/versions/(\\d+)(/reference-profile)?$");
    private static final Pattern ADMIN = Pattern.compile("^/admin/models/([^/]+)/versions/(\\d+)/(version|profile)$");

    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, String> profiles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/models", this::registry);
        server.createContext("/admin", this::admin);
        server.start();
        return Map.of("mlops.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void registry(HttpExchange ex) throws IOException {
        Matcher m = VERSION.matcher(ex.getRequestURI().getPath());
        if (down.get()) {
            send(ex, 503, "application/problem+json", "{\"status\":503,\"code\":\"UPSTREAM_UNAVAILABLE\"}");
            return;
        }
        if (!m.matches()) {
            send(ex, 404, "application/problem+json", "{\"status\":404,\"code\":\"NOT_FOUND\"}");
            return;
        }
        String key = m.group(1) + "/" + m.group(2);
        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        String version = versions.get(key);
        if (version == null) {
            send(ex, 404, "application/problem+json", "{\"status\":404,\"code\":\"VERSION_NOT_FOUND\",\"detail\":\"no such version\"}");
        } else if (m.group(3) == null) {
            send(ex, 200, "application/json", version);
        } else if (profiles.containsKey(key)) {
            send(ex, 200, "application/json", profiles.get(key));
        } else {
            send(ex, 404, "application/problem+json", "{\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"registered without a reference profile\"}");
        }
    }

    private void admin(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        switch (path) {
            case "/admin/down" -> down.set(true);
            case "/admin/up" -> down.set(false);
            default -> {
                if (path.startsWith("/admin/calls/")) {
                    AtomicInteger n = calls.get(path.substring("/admin/calls/".length()));
                    send(ex, 200, "text/plain", Integer.toString(n == null ? 0 : n.get()));
                    return;
                }
                Matcher m = ADMIN.matcher(path);
                if (!m.matches()) {
                    send(ex, 404, "text/plain", "unknown admin path");
                    return;
                }
                String key = m.group(1) + "/" + m.group(2);
                (m.group(3).equals("version") ? versions : profiles).put(key, body);
            }
        }
        send(ex, 204, null, null);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
