package io.mlops.inference.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.DeploymentUpdated;
import io.mlops.events.inference.Prediction;
import io.mlops.inference.support.Events;
import io.mlops.inference.support.FastClient;
import io.mlops.inference.support.InjectStandIn;
import io.mlops.inference.support.Oip;
import io.mlops.inference.support.OnnxModels;
import io.mlops.inference.support.RegistryStandIn;
import io.mlops.inference.support.Serving;
import io.mlops.inference.support.StandInsResource;
import io.mlops.inference.support.VersionSpec;
import io.mlops.inference.traffic.service.TrafficSplitter;
import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Champion/challenger by request id, shadow traffic, and the deployment broadcast. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TrafficTest {

    private static final Duration LOAD = Duration.ofSeconds(15);

    @InjectStandIn
    RegistryStandIn registry;

    @TestHTTPResource("/")
    URI base;

    private String model;

    @BeforeEach
    void championAndChallenger() {
        model = Serving.unique("canary");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3), "challenger");
        Serving.awaitServing(model, 1, LOAD);
    }

    @Test
    void theChallengerAnswersExactlyTheRequestsItsBucketsTake() {
        try (Events.Tail deployments = Events.tail(Topics.INFERENCE_DEPLOYMENTS)) {
            put(Map.of("champion", "champion", "challenger", "challenger", "challengerPercent", 30))
                    .statusCode(200)
                    .body("challengerPercent", equalTo(30))
                    .body("revision", equalTo(1));
            List<CloudEvent<?>> events = deployments.until(e -> e.stream().anyMatch(this::ours), Duration.ofSeconds(20));
            DeploymentUpdated broadcast = (DeploymentUpdated) events.stream().filter(this::ours).findFirst()
                    .orElseThrow().data();
            assertEquals("challenger", broadcast.challenger());
            assertEquals(30, broadcast.challengerPercent());
            assertEquals(1, broadcast.revision(), "the event carries the deployment JSON, revision included");
            assertNull(broadcast.missingFeatures(), "no policy of its own: the service-wide one applies");
        }
        Serving.awaitVersion(model, "challenger", 2, LOAD);

        int toChallenger = 0;
        int requests = 300;
        URI infer = base.resolve("/v2/models/" + model + "/infer");
        for (int i = 0; i < requests; i++) {
            String id = "canary-request-" + i;
            boolean expected = TrafficSplitter.toChallenger(id, 30);
            FastClient.Answer answer = FastClient.post(infer, "{\"id\":\"" + id + "\",\"inputs\":[{\"name\":"
                    + "\"features\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}");
            assertEquals(200, answer.status(), answer.body());
            assertEquals(expected ? "challenger" : "champion", answer.field("arm"), id);
            assertEquals(expected ? "2" : "1", answer.field("model_version"), id);
            toChallenger += expected ? 1 : 0;
        }
        double share = 100.0 * toChallenger / requests;
        assertTrue(Math.abs(share - 30) <= 7, "challenger share " + share + " %");

        // A retry carries the same id and lands on the same arm.
        Map<String, Object> retry = new HashMap<>(Oip.row(1, 2, 3));
        retry.put("id", "canary-request-7");
        String arm = Oip.infer(model, retry).extract().path("parameters.arm");
        for (int i = 0; i < 5; i++) {
            Oip.infer(model, retry).body("parameters.arm", equalTo(arm));
        }
    }

    @Test
    void shadowNeverChangesTheAnswerAndIsLoggedAsItsOwnArm() {
        String body = Oip.infer(model, Oip.row(0.5f, 1.5f, -2f)).statusCode(200).extract().asString();
        String baseline = body.substring(body.indexOf("\"data\":") + 7, body.indexOf(']', body.indexOf("\"data\":")) + 1);
        put(Map.of("champion", "champion", "challenger", "challenger", "shadow", true)).statusCode(200);
        Serving.awaitVersion(model, "challenger", 2, LOAD);

        int requests = 50;
        try (Events.Tail predictions = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            URI infer = base.resolve("/v2/models/" + model + "/infer");
            for (int i = 0; i < requests; i++) {
                FastClient.Answer answer = FastClient.post(infer, "{\"inputs\":[{\"name\":\"features\","
                        + "\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.5,1.5,-2]}]}");
                assertEquals(200, answer.status(), answer.body());
                assertEquals("1", answer.field("model_version"));
                assertEquals("champion", answer.field("arm"));
                assertTrue(answer.body().contains("\"data\":" + baseline), answer.body() + " vs " + baseline);
            }
            List<Prediction> logged = predictions.until(e -> ofModel(e).size() >= 2 * requests, Duration.ofSeconds(30))
                    .stream().filter(e -> model.equals(e.subject())).map(e -> (Prediction) e.data()).toList();
            assertEquals(2 * requests, logged.size(), "one champion and one shadow event per request");
            Map<String, List<Prediction>> byId = new HashMap<>();
            logged.forEach(p -> byId.computeIfAbsent(p.predictionId(), k -> new java.util.ArrayList<>()).add(p));
            assertEquals(requests, byId.size());
            byId.values().forEach(pair -> {
                assertEquals(2, pair.size());
                assertTrue(pair.stream().anyMatch(p -> p.arm() == Arm.CHAMPION && p.version() == 1));
                assertTrue(pair.stream().anyMatch(p -> p.arm() == Arm.SHADOW && p.version() == 2
                        && p.alias().equals("challenger")));
            });
        }

        // Promoted: the champion now serves the challenger's version, and the shadow, still on, is
        // that same version. It must not run a second time: one event per request, not two.
        Serving.move(registry, model, "champion", 2);
        Serving.awaitServing(model, 2, LOAD);
        try (Events.Tail predictions = Events.tail(Topics.INFERENCE_PREDICTIONS)) {
            for (int i = 0; i < 10; i++) {
                Oip.infer(model, Oip.row(0.5f, 1.5f, -2f)).statusCode(200).body("model_version", equalTo("2"));
            }
            predictions.until(e -> ofModel(e).size() >= 10, Duration.ofSeconds(30));
            List<Prediction> logged = predictions.settle(Duration.ofSeconds(2)).stream()
                    .filter(e -> model.equals(e.subject())).map(e -> (Prediction) e.data()).toList();
            assertEquals(10, logged.size(), "one event per request");
            assertTrue(logged.stream().allMatch(p -> p.arm() == Arm.CHAMPION && p.version() == 2));
        }
    }

    @Test
    void theDeploymentShowsTheSplitAndIsValidated() {
        given().get("/api/v1/deployments/" + model).then().statusCode(200)
                .body("champion", equalTo("champion"))
                .body("revision", equalTo(0))
                .body("loaded.champion.version", equalTo(1));
        put(Map.of("challenger", "challenger", "challengerPercent", 150)).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("challengerPercent"));
        put(Map.of("challengerPercent", 10)).statusCode(422).body("errors.field", hasItem("challenger"));
        put(Map.of("champion", "champion", "challenger", "champion")).statusCode(422);
        put(Map.of("champion", "Not A Name")).statusCode(422).body("errors.field", hasItem("champion"));
        put(Map.of("missingFeatures", "guess")).statusCode(422).body("errors.field", hasItem("missingFeatures"));
        given().contentType(ContentType.JSON).body("{\"challengerPercent\": \"ten\"}")
                .put("/api/v1/deployments/" + model).then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body(Map.of("champion", "champion"))
                .put("/api/v1/deployments/no-such-model").then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));

        put(Map.of("champion", "champion", "challenger", "challenger", "challengerPercent", 100)).statusCode(200);
        Serving.awaitVersion(model, "challenger", 2, LOAD);
        Oip.infer(model, Oip.row(1, 2, 3)).body("parameters.arm", equalTo("challenger"));
        // Back to the champion only: the challenger is unloaded.
        put(Map.of("champion", "champion")).statusCode(200).body("revision", equalTo(2));
        io.mlops.infra.testing.contract.Eventually.await("challenger unloaded", LOAD, () ->
                given().get("/api/v1/deployments/" + model).then().extract().path("loaded.challenger") == null);
        Oip.infer(model, Oip.row(1, 2, 3)).body("parameters.arm", equalTo("champion"));
    }

    @Test
    void concurrentFirstWritesAllSucceedAndTheLastOneWins() throws Exception {
        int writers = 6;
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String body = "{\"champion\":\"champion\",\"challenger\":\"challenger\",\"challengerPercent\":" + (i + 1) + "}";
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/deployments/" + model))
                        .header("Content-Type", "application/json").header("X-Actor", "traffic-test")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(pool.submit(() -> {
                    go.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
            Map<Integer, Integer> percentByRevision = new HashMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                var json = io.restassured.path.json.JsonPath.from(response.body());
                percentByRevision.put(json.getInt("revision"), json.getInt("challengerPercent"));
            }
            assertEquals(writers, percentByRevision.size(), "every write got a revision of its own: " + percentByRevision);
            given().get("/api/v1/deployments/" + model).then().statusCode(200)
                    .body("revision", equalTo(writers))
                    .body("challengerPercent", equalTo(percentByRevision.get(writers)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChallengerDroppedFromTheDeploymentWhileItLoadsIsNotServedOnceTheLoadEnds() throws Exception {
        registry.slowDownloads(model, Duration.ofSeconds(3));
        put(Map.of("champion", "champion", "challenger", "challenger", "challengerPercent", 10)).statusCode(200);
        Serving.awaitLoading(model, "challenger", LOAD);

        put(Map.of("champion", "champion")).statusCode(200);
        Thread.sleep(Duration.ofSeconds(4).toMillis()); // past the end of the slow download
        given().get("/api/v1/deployments/" + model).then().statusCode(200)
                .body("loaded.champion.version", equalTo(1))
                .body("loaded", not(hasKey("challenger")))
                .body("loading", not(hasKey("challenger")));
        // The deployment view shows only the aliases it routes to; the version itself must be gone too.
        assertEquals(404, given().get("/v2/models/" + model + "/versions/2/ready").then().extract().statusCode(),
                "v2, loaded for the dropped challenger, is not served");
    }

    @Test
    void aNewChampionAliasTakesOverOnlyOnceItServesTheDefaultOneAnswersMeanwhile() {
        registry.slowDownloads(model, Duration.ofSeconds(2));
        // "blue" is not in the registry yet: nothing can load for it.
        put(Map.of("champion", "blue")).statusCode(200).body("champion", equalTo("blue"));
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200)
                .body("model_version", equalTo("1"))
                .body("parameters.alias", equalTo("champion"))
                .body("parameters.arm", equalTo("champion"));
        given().get("/v2/models/" + model + "/ready").then().statusCode(200);

        Serving.move(registry, model, "blue", 2);
        Serving.awaitLoading(model, "blue", LOAD);
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200)
                .body("model_version", equalTo("1")).body("parameters.alias", equalTo("champion"));
        Serving.awaitVersion(model, "blue", 2, LOAD);
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200)
                .body("model_version", equalTo("2")).body("parameters.alias", equalTo("blue"));
    }

    @Test
    void bothEventConsumersExportTheirLag() {
        String metrics = Oip.metrics();
        for (String client : List.of("inference-registry-events", "inference-deployments")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max{")
                    && l.contains("client_id=\"" + client + "\"")), "consumer lag of " + client);
        }
    }

    private io.restassured.response.ValidatableResponse put(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).header("X-Actor", "traffic-test").body(body)
                .put("/api/v1/deployments/" + model).then();
    }

    private boolean ours(CloudEvent<?> e) {
        return model.equals(e.subject()) && "traffic-test".equals(e.actor());
    }

    private List<CloudEvent<?>> ofModel(List<CloudEvent<?>> events) {
        return events.stream().filter(e -> model.equals(e.subject())).toList();
    }
}
