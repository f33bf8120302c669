package io.mlops.inference.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The feature store's {@code POST /api/v1/online-features} contract (Feast's response shape)
 * served from rows the test puts in. It can also be made slow or failing, to test the outage path.
 */
public final class FeatureStoreStandIn extends HttpStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entity's online row: values by feature reference, and its event time. */
    private record Row(Map<String, Object> values, Instant eventTime) {
    }

    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final Set<String> knownRefs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int delayMillis;
    private volatile int failWithStatus;
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int stallMillis;
    private volatile String lastTraceparent;

    /** Puts the online row of an entity, observed now; a null value is stored as NULL_VALUE. */
    public void put(Object key, Map<String, Object> values) {
        put(key, values, Instant.now());
    }

    /** Puts the online row of an entity; a null value is stored as NULL_VALUE. */
    public void put(Object key, Map<String, Object> values, Instant eventTime) {
        knownRefs.addAll(values.keySet());
        rows.put(String.valueOf(key), new Row(new LinkedHashMap<>(values), eventTime));
    }

    /** Makes a reference known (so lookups of it answer NOT_FOUND rather than 422) without any row. */
    public void declare(String... refs) {
        knownRefs.addAll(List.of(refs));
    }

    /** Every request waits this long before answering (0 for none). */
    public void delay(int millis) {
        this.delayMillis = millis;
    }

    /** Every request answers this status (0 for normal service). */
    public void failWith(int status) {
        this.failWithStatus = status;
    }

    /** The next {@code count} requests wait {@code millis} before answering; later ones do not. */
    public void stallNext(int count, int millis) {
        stallMillis = millis;
        stallsLeft.set(count);
    }

    /** The next {@code count} requests answer 503; later ones are served. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    public int requests() {
        return requests.get();
    }

    /** The {@code traceparent} header of the last lookup, or null. */
    public String lastTraceparent() {
        return lastTraceparent;
    }

    public void reset() {
        delayMillis = 0;
        failWithStatus = 0;
        stallsLeft.set(0);
        failuresLeft.set(0);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/api/v1/online-features")
                || !exchange.getRequestMethod().equals("POST")) {
            problem(exchange, 404, "NOT_FOUND", "no route");
            return;
        }
        requests.incrementAndGet();
        lastTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        int wait = stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? stallMillis : delayMillis;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            problem(exchange, 503, "UNAVAILABLE", "failing once for the test");
            return;
        }
        if (failWithStatus != 0) {
            problem(exchange, failWithStatus, "INTERNAL_ERROR", "failing for the test");
            return;
        }
        List<String> features = new ArrayList<>();
        request.path("features").forEach(f -> features.add(f.asText()));
        for (String ref : features) {
            if (!knownRefs.contains(ref)) {
                problem(exchange, 422, "UNKNOWN_FEATURE", "unknown feature " + ref);
                return;
            }
        }
        // The store answers each feature under its name alone unless full names are asked for.
        Set<String> answeredAs = new HashSet<>();
        for (String ref : features) {
            String name = request.path("fullFeatureNames").asBoolean() ? ref.replaceAll("@\\d+:", "__").replace(":", "__")
                    : ref.substring(ref.lastIndexOf(':') + 1);
            if (!answeredAs.add(name)) {
                problem(exchange, 422, "VALIDATION_FAILED", "Feature names collide in the response: " + name);
                return;
            }
        }
        var entities = request.path("entities").fields();
        if (!entities.hasNext()) {
            problem(exchange, 422, "VALIDATION_FAILED", "entities is required");
            return;
        }
        var entity = entities.next();
        List<JsonNode> keys = new ArrayList<>();
        entity.getValue().forEach(keys::add);
        List<String> names = new ArrayList<>();
        names.add(entity.getKey());
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(column(keys.stream().map(k -> (Object) (k.isNumber() ? k.longValue() : k.asText())).toList(),
                keys.stream().map(k -> "PRESENT").toList(), keys.stream().map(k -> "1970-01-01T00:00:00Z").toList()));
        for (String ref : features) {
            names.add(ref.substring(ref.lastIndexOf(':') + 1));
            List<Object> values = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            List<String> times = new ArrayList<>();
            for (JsonNode key : keys) {
                Row row = rows.get(key.asText());
                if (row == null) {
                    values.add(null);
                    statuses.add("NOT_FOUND");
                    times.add("1970-01-01T00:00:00Z");
                } else {
                    Object value = row.values().get(ref);
                    values.add(value);
                    statuses.add(value == null ? "NULL_VALUE" : "PRESENT");
                    times.add(row.eventTime().toString());
                }
            }
            results.add(column(values, statuses, times));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", Map.of("feature_names", names));
        body.put("results", results);
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private static Map<String, Object> column(List<Object> values, List<String> statuses, List<String> times) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("values", values);
        column.put("statuses", statuses);
        column.put("event_timestamps", times);
        return column;
    }
}
