package io.mlops.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * JSON over HTTP to one platform service, with its problem+json errors turned into
 * {@link ApiException}s that name the request, the status, the stable code and the detail.
 */
public class ServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String serviceName;
    private final URI baseUrl;
    private final String actor;
    private final HttpClient http;
    protected final ObjectMapper json = EventJson.mapper();

    public ServiceClient(String serviceName, String baseUrl, String actor) {
        this.serviceName = serviceName;
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.actor = actor;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The service's name, as in error messages. */
    public String name() {
        return serviceName;
    }

    public JsonNode get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** Every item of a paged list under {@code field}, following {@code nextPageToken} to the last page. */
    public List<JsonNode> getAll(String path, String field) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        do {
            JsonNode page = get(token == null ? path : path + (path.contains("?") ? "&" : "?") + "pageToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            page.path(field).forEach(items::add);
            token = page.path("nextPageToken").isTextual() ? page.path("nextPageToken").asText() : null;
            if (token != null && !seen.add(token)) {
                throw new ApiException(0, "PAGING", serviceName + " answered page token '" + token
                        + "' twice for " + path + "; the list would never end");
            }
        } while (token != null && !token.isEmpty());
        return items;
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, jsonBody(body), "application/json");
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, jsonBody(body), "application/json");
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, jsonBody(body), "application/json");
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** A multipart/form-data POST; each part is (content type, bytes). */
    public JsonNode postMultipart(String path, Map<String, Part> parts) {
        String boundary = "mlops-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, part) -> {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"")
                    + "\r\nContent-Type: " + part.contentType() + "\r\n\r\n");
            body.writeBytes(part.bytes());
            write(body, "\r\n");
        });
        write(body, "--" + boundary + "--\r\n");
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "multipart/form-data; boundary=" + boundary);
    }

    /** One part of a multipart request. */
    public record Part(String contentType, String filename, byte[] bytes) {
        public static Part json(byte[] bytes) {
            return new Part("application/json", null, bytes);
        }
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        URI uri = baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("X-Actor", actor)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ApiException(0, "UNREACHABLE", serviceName + " is not reachable at " + baseUrl
                    + " (is the platform running? see `mlops status`)");
        } catch (IOException e) {
            throw new ApiException(0, "UNREACHABLE", method + " " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "INTERRUPTED", method + " " + uri + " was interrupted");
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 400) {
            String code = answer.path("code").asText("HTTP_" + response.statusCode());
            String detail = answer.path("detail").asText(new String(response.body(), StandardCharsets.UTF_8));
            StringBuilder message = new StringBuilder(serviceName + ": " + method + " " + uri.getPath() + " → "
                    + response.statusCode() + " " + code + ": " + detail);
            answer.path("errors").forEach(e -> message.append("\n  ").append(e.path("field").asText())
                    .append(": ").append(e.path("message").asText()));
            throw new ApiException(response.statusCode(), code, message.toString());
        }
        return answer;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write request body as JSON", e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
