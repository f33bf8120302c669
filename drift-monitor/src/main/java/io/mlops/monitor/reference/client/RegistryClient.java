package io.mlops.monitor.reference.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import io.mlops.events.registry.ModelVersion;
import io.mlops.monitor.config.RegistryClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads versions and reference profiles from model-registry over its REST API. A 404 is an answer
 * (the version does not exist, or has no profile); anything else that is not a 200 means "ask again
 * later" and is thrown as {@link RegistryUnavailableException}.
 */
@ApplicationScoped
public class RegistryClient {

    private static final Pattern MODEL_NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");

    private final RegistryClientConfig config;
    private final HttpClient http;

    public RegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /** The version and its profile; {@code version} is null when the registry does not know it. */
    public RegistryVersion fetch(String model, int version) throws RegistryUnavailableException {
        if (!MODEL_NAME.matcher(model).matches() || version < 1) {
            return new RegistryVersion(null, null, "not a valid model name or version");
        }
        String base = base(model, version);
        HttpResponse<String> response = get(base);
        if (response.statusCode() == 404) {
            return new RegistryVersion(null, null, "the registry has no version " + version + " of model '" + model + "'");
        }
        ModelVersion v = parse(response, base);
        return profile(v);
    }

    /** The profile of a version already known (e.g. from its {@code model-version.created} event). */
    public RegistryVersion profile(ModelVersion v) throws RegistryUnavailableException {
        String url = base(v.name(), v.version()) + "/reference-profile";
        HttpResponse<String> response = get(url);
        if (response.statusCode() == 404) {
            String code = problemCode(response.body());
            if ("MODEL_NOT_FOUND".equals(code) || "VERSION_NOT_FOUND".equals(code)) {
                return new RegistryVersion(null, null, "the registry no longer has this version");
            }
            return new RegistryVersion(v, null, "registered without a reference profile");
        }
        if (response.statusCode() != 200) {
            throw new RegistryUnavailableException("GET " + url + " answered " + response.statusCode(), null);
        }
        return new RegistryVersion(v, response.body(), null);
    }

    private String base(String model, int version) {
        String root = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        return root + "/api/v1/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/versions/" + version;
    }

    private HttpResponse<String> get(String url) throws RegistryUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("X-Actor", "drift-monitor")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 404) {
                throw new RegistryUnavailableException("GET " + url + " answered " + response.statusCode(), null);
            }
            return response;
        } catch (IOException e) {
            throw new RegistryUnavailableException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking the registry", e);
        }
    }

    private static ModelVersion parse(HttpResponse<String> response, String url) throws RegistryUnavailableException {
        try {
            return EventJson.mapper().readValue(response.body(), ModelVersion.class);
        } catch (IOException e) {
            throw new RegistryUnavailableException("GET " + url + " returned a version that cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static String problemCode(String body) {
        try {
            JsonNode node = EventJson.mapper().readTree(body);
            return node == null ? null : node.path("code").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
