package io.mlops.monitor.support;

import io.mlops.events.EventJson;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.Task;
import io.mlops.events.registry.VersionStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Puts versions and profiles into the registry stand-in, and takes it down and up. */
public final class RegistryStandIn {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RegistryStandIn() {
    }

    public static ModelVersion version(String model, int version, Map<String, Double> metrics) {
        return new ModelVersion(model, version, VersionStatus.READY, "0".repeat(64), 1, Instant.now(), "test", null,
                null, Map.of(), List.of(), Task.BINARY_CLASSIFICATION, List.of("bad", "good"), "bad", null, List.of(),
                List.of(), metrics, Map.of(), null);
    }

    /** Registers a version, with a profile or (null) without one. */
    public static void register(ModelVersion v, ReferenceProfile profile) {
        try {
            put("/admin/models/" + v.name() + "/versions/" + v.version() + "/version", EventJson.mapper().writeValueAsString(v));
            if (profile != null) {
                put("/admin/models/" + v.name() + "/versions/" + v.version() + "/profile",
                        EventJson.mapper().writeValueAsString(profile));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void down() {
        put("/admin/down", "");
    }

    public static void up() {
        put("/admin/up", "");
    }

    /** How often the monitor asked for a version (version JSON and profile requests together). */
    public static int calls(String model, int version) {
        return Integer.parseInt(send(HttpRequest.newBuilder(uri("/admin/calls/" + model + "/" + version)).GET()));
    }

    private static void put(String path, String body) {
        send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("mlops.registry.url", String.class) + path);
    }
}
