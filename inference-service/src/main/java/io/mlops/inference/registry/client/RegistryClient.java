package io.mlops.inference.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.events.EventJson;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelVersion;
import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.config.RegistryClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry's HTTP contract as this service uses it: model listing, version metadata, alias
 * resolution, streamed artifact downloads and reference profiles. Blocking; called from the
 * model lifecycle threads and, bounded, to re-read an alias an event announced, never from a
 * request.
 */
@ApplicationScoped
public class RegistryClient {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");
    private static final int PAGE_SIZE = 100;

    private final URI base;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final ObjectMapper json = EventJson.mapper();
    private final HttpClient http;

    public RegistryClient(RegistryClientConfig registry, ModelsConfig models) {
        this.base = registry.url();
        this.timeout = models.registryTimeout();
        this.connectTimeout = models.registryConnectTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** One page of models with their aliases; {@code pageToken} null for the first. */
    public ModelPage listModels(String pageToken) {
        String query = "?pageSize=" + PAGE_SIZE + (pageToken == null ? "" : "&pageToken=" + pageToken);
        return getJson("/api/v1/models" + query, ModelPage.class)
                .orElseThrow(() -> new RegistryUnavailableException("the registry has no model list", null));
    }

    public Optional<ModelCreated> model(String model) {
        return valid(model) ? getJson("/api/v1/models/" + model, ModelCreated.class) : Optional.empty();
    }

    public Optional<ModelVersion> version(String model, int version) {
        return valid(model) && version > 0
                ? getJson("/api/v1/models/" + model + "/versions/" + version, ModelVersion.class)
                : Optional.empty();
    }

    public Optional<ModelVersion> aliased(String model, String alias) {
        return valid(model) && valid(alias)
                ? getJson("/api/v1/models/" + model + "@" + alias, ModelVersion.class)
                : Optional.empty();
    }

    public Optional<JsonNode> referenceProfile(String model, int version) {
        return valid(model) ? getJson("/api/v1/models/" + model + "/versions/" + version + "/reference-profile",
                JsonNode.class) : Optional.empty();
    }

    /**
     * Streams a version's artifact into {@code target}, hashing it on the way. The connection
     * waits at most {@code registry-connect-timeout} to open and {@code registry-timeout} for each
     * read, so a registry that stops sending fails the download rather than hanging it.
     *
     * @return the sha256 (hex) of what was written, or empty when the registry has no such version
     */
    public Optional<String> downloadArtifact(String model, int version, Path target) {
        URI uri = base.resolve("/api/v1/models/" + model + "/versions/" + version + "/artifact");
        HttpURLConnection connection = open(uri);
        boolean done = false;
        try {
            int status = responseCode(connection, uri);
            if (status == 404) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new RegistryUnavailableException("artifact download answered HTTP " + status, null);
            }
            MessageDigest sha = sha256();
            try (InputStream body = connection.getInputStream();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
                body.transferTo(out);
            }
            done = true;
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (SocketTimeoutException e) {
            throw new RegistryUnavailableException("artifact download of " + model + " v" + version
                    + " stalled: nothing received for " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new RegistryUnavailableException("artifact download of " + model + " v" + version + " broke off: "
                    + e.getMessage(), e);
        } finally {
            if (!done) {
                // Never hand a half-read connection back to the keep-alive cache.
                connection.disconnect();
            }
        }
    }

    private HttpURLConnection open(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(Math.toIntExact(Math.max(1, connectTimeout.toMillis())));
            connection.setReadTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            connection.setRequestProperty("Accept", "application/octet-stream");
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryUnavailableException("cannot call the registry at " + uri + ": " + e, e);
        }
    }

    private static int responseCode(HttpURLConnection connection, URI uri) {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw new RegistryUnavailableException("registry unreachable at " + uri + ": " + e, e);
        }
    }

    private <T> Optional<T> getJson(String path, Class<T> type) {
        HttpResponse<byte[]> response = send(get(path).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new RegistryUnavailableException("GET " + path + " answered HTTP " + status, null);
        }
        try {
            return Optional.of(json.readValue(response.body(), type));
        } catch (IOException e) {
            throw new RegistryUnavailableException("GET " + path + " returned JSON this service cannot read: "
                    + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new RegistryUnavailableException("registry unreachable at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted calling the registry", e);
        }
    }

    private static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
