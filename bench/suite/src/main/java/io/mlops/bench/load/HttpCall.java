package io.mlops.bench.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * The requests one scenario cycles through: the same method and path, and one body per request
 * (or none). Bodies are encoded once, up front, so the generator does no JSON work while it sends.
 */
public record HttpCall(HttpMethod method, List<String> paths, List<Buffer> bodies) {

    public static HttpCall get(String path) {
        return new HttpCall(HttpMethod.GET, List.of(path), List.of());
    }

    public static HttpCall getEach(List<String> paths) {
        return new HttpCall(HttpMethod.GET, List.copyOf(paths), List.of());
    }

    public static HttpCall postJson(String path, List<String> jsonBodies) {
        return new HttpCall(HttpMethod.POST, List.of(path),
                jsonBodies.stream().map(Buffer::buffer).toList());
    }

    String path(long i) {
        return paths.get((int) (i % paths.size()));
    }

    /** A copy: a Buffer handed to Vert.x is consumed by the write, so one instance cannot go out twice. */
    Buffer body(long i) {
        return bodies.isEmpty() ? null : bodies.get((int) (i % bodies.size())).copy();
    }
}
