package io.mlops.inference.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.service.ServedModels;
import io.mlops.inference.support.Events;
import io.mlops.inference.support.InjectStandIn;
import io.mlops.inference.support.Oip;
import io.mlops.inference.support.OnnxModels;
import io.mlops.inference.support.RegistryStandIn;
import io.mlops.inference.support.Serving;
import io.mlops.inference.support.StandInsResource;
import io.mlops.inference.support.VersionSpec;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alias moves load and swap versions; anything that cannot be loaded leaves the previous version serving. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ModelLifecycleTest {

    private static final Duration LOAD = Duration.ofSeconds(15);

    @InjectStandIn
    RegistryStandIn registry;

    @Inject
    ServedModels served;

    @Test
    void anAliasMoveServesTheNewVersionWithinTwoSeconds() {
        String model = Serving.unique("move");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);
        int v2 = registry.addVersion(model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3)).version();
        // Warm the path so the measurement is of the swap, not of a cold client.
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200);

        long start = System.nanoTime();
        Serving.move(registry, model, "champion", v2);
        Eventually.await("v2 answering", Duration.ofSeconds(10), () -> "2".equals(
                Oip.infer(model, Oip.row(1, 2, 3)).extract().path("model_version")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "alias move took " + took.toMillis() + " ms");
        assertTrue(Oip.metrics().lines().anyMatch(l -> l.startsWith("mlops_inference_swaps_total{")
                && l.contains("model=\"" + model + "\"")), "swap counted");
    }

    @Test
    void anAliasEventNamingAMissingVersionLeavesTheOldVersionServing() {
        String model = Serving.unique("missing");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);

        // A registry whose alias names a version it cannot serve (the event agrees with it).
        registry.setAlias(model, "champion", 99);
        Events.aliasSet(model, "champion", 99, 1);
        Eventually.await("a version_missing load failure counted", LOAD, () -> Oip.metrics().lines().anyMatch(l ->
                l.startsWith("mlops_inference_load_failures_total{") && l.contains("model=\"" + model + "\"")
                        && l.contains("reason=\"version_missing\"")));
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).body("model_version", equalTo("1"));
    }

    @Test
    void aLateAliasEventDoesNotBringBackTheVersionTheAliasHasSinceLeft() throws Exception {
        String model = Serving.unique("late");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);
        int left = registry.addVersion(model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3)).version();
        int downloads = registry.artifactDownloads();

        // The backlog of a broker outage: "champion -> v2" arrives after the alias went back to v1.
        Events.aliasSet(model, "champion", left, 1);
        assertServes(model, 1, Duration.ofSeconds(3), "the stale event moved the champion");
        assertEquals(downloads, registry.artifactDownloads(), "v" + left + " was never loaded");

        // A late "deleted" for an alias the registry has again keeps it serving too.
        Events.aliasDeleted(model, "champion", 1);
        assertServes(model, 1, Duration.ofSeconds(2), "the stale deletion unloaded the champion");
    }

    @Test
    void aCorruptOrUnloadableArtifactLeavesTheOldVersionServing() {
        String model = Serving.unique("corrupt");
        byte[] good = OnnxModels.logisticRegression(3, 2, 1);
        Serving.promote(registry, model, good, VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);

        // The download does not match the registered sha256 (retried, then given up).
        int corrupt = registry.addVersion(model, OnnxModels.logisticRegression(3, 2, 2),
                OnnxModels.truncated(good, 0.5), VersionSpec.binary(3)).version();
        Serving.move(registry, model, "champion", corrupt);
        awaitFailure(model, "corrupt_artifact");
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).body("model_version", equalTo("1"));

        // Intact bytes that are not a model: ONNX Runtime refuses them.
        byte[] garbage = "not an onnx model".getBytes();
        int unloadable = registry.addVersion(model, garbage, VersionSpec.binary(3)).version();
        Serving.move(registry, model, "champion", unloadable);
        awaitFailure(model, "unloadable");
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).body("model_version", equalTo("1"));
        given().get("/api/v1/deployments/" + model).then().statusCode(200)
                .body("loaded.champion.version", equalTo(1));
    }

    @Test
    void aModelWithNothingLoadedAnswers503AndAnUnknownOne404() {
        String model = Serving.unique("broken");
        registry.addVersion(model, "garbage".getBytes(), VersionSpec.binary(3));
        Serving.move(registry, model, "champion", 1);
        awaitFailure(model, "unloadable");
        given().get("/v2/models/" + model + "/ready").then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("MODEL_NOT_READY"))
                .body("error", containsString("unloadable"));
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(503).body("code", equalTo("MODEL_NOT_READY"));
        // A first load that gave up holds the server back no longer (the pods' startup probe waits
        // for /v2/health/ready: one bad artifact must not keep a replica out of service).
        Eventually.await("the server ready although " + model + " could not load", LOAD, () ->
                given().get("/v2/health/ready").then().extract().statusCode() == 200);

        Oip.infer("no-such-model", Oip.row(1, 2, 3)).statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("MODEL_NOT_FOUND"))
                .body("error", containsString("no-such-model"));
        given().get("/v2/models/no-such-model").then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
    }

    @Test
    void aDeletedAliasIsUnloadedAndAMissedEventIsHealedByTheSync() {
        String model = Serving.unique("deleted");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);

        registry.deleteAlias(model, "champion");
        Events.aliasDeleted(model, "champion", 1);
        Eventually.await("champion unloaded", LOAD, () ->
                Oip.infer(model, Oip.row(1, 2, 3)).extract().statusCode() == 503);
        assertFalse(Oip.metrics().lines().anyMatch(l -> l.startsWith("mlops_inference_model_loaded{")
                && l.contains("model=\"" + model + "\"")), "no loaded gauge left for " + model);

        // No event this time: the periodic sync finds the alias in the registry.
        registry.setAlias(model, "champion", 1);
        Serving.awaitServing(model, 1, LOAD);
        assertEquals("1", Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).extract().path("model_version"));
    }

    @Test
    void anAliasDeletedDuringALoadOfItsModelHoldsUpNoOtherModel() {
        String slow = Serving.unique("slowload");
        String other = Serving.unique("other");
        Serving.promote(registry, slow, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.promote(registry, other, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(slow, 1, LOAD);
        Serving.awaitServing(other, 1, LOAD);

        registry.slowDownloads(slow, Duration.ofSeconds(5));
        Serving.promote(registry, slow, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3), "champion");
        Serving.awaitLoading(slow, "champion", LOAD);
        // A swap under way leaves the server ready: the version it replaces keeps answering. (Waited
        // for, in case another test's first load is still settling; the slow download lasts longer.)
        Eventually.await("the server ready during the swap", Duration.ofSeconds(3), () ->
                given().get("/v2/health/ready").then().extract().statusCode() == 200);
        registry.deleteAlias(slow, "champion");
        Events.aliasDeleted(slow, "champion", 2);
        // Events are applied in order on one thread: the next one must not wait for the slow download.
        Serving.promote(registry, other, OnnxModels.logisticRegression(3, 2, 3), VersionSpec.binary(3), "champion");
        Serving.awaitServing(other, 2, Duration.ofSeconds(3));

        Eventually.await(slow + " unloaded once its load let go", LOAD, () ->
                Oip.infer(slow, Oip.row(1, 2, 3)).extract().statusCode() == 503);
    }

    @Test
    void theServiceIsReadyWhileAFirstLoadRunsButTheModelIsNot() {
        String model = Serving.unique("first");
        registry.createModel(model);
        registry.slowDownloads(model, Duration.ofSeconds(3));
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitLoading(model, "champion", LOAD);

        given().get("/q/health/ready").then().statusCode(200);
        given().get("/v2/models/" + model + "/ready").then().statusCode(503).body("code", equalTo("MODEL_NOT_READY"));
        given().get("/v2/health/ready").then().statusCode(503).body("code", equalTo("MODEL_NOT_READY"));

        Serving.awaitServing(model, 1, LOAD);
        given().get("/v2/models/" + model + "/ready").then().statusCode(200).body("ready", equalTo(true));
        Eventually.await("the server ready", LOAD, () -> given().get("/v2/health/ready").then().extract()
                .statusCode() == 200);
        given().get("/v2/models/" + model + "/versions/1").then().statusCode(200)
                .body("name", equalTo(model)).body("versions", equalTo(List.of("1")))
                .body("inputs[0].shape", equalTo(List.of(-1, 3)));
    }

    @Test
    void aReplacedVersionClosesItsSessionOnlyOnceItsLastRequestEnds() {
        String model = Serving.unique("drain");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200);
        LoadedModel old = served.get(model).peek("champion");
        assertTrue(old.retain(), "a request in flight on v1");

        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 2, LOAD);
        assertEquals(1, old.references(), "only the request in flight holds v1 now");
        assertFalse(old.closed(), "v1 stays open while a request runs on it");

        assertTrue(exportsVersion(model, 1), "v1's meters stay while it drains");

        old.release();
        Eventually.await("v1's session closed after its last request", LOAD, old::closed);
        // A service that swaps versions for months must not export every version it ever served.
        assertFalse(exportsVersion(model, 1), "v1's request and model-run meters removed with its session");
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200);
        assertTrue(exportsVersion(model, 2), "v2's meters exported");
    }

    private static boolean exportsVersion(String model, int version) {
        String modelTag = "model=\"" + model + "\"";
        String versionTag = "version=\"" + version + "\"";
        return Oip.metrics().lines().anyMatch(l -> (l.startsWith("mlops_inference_requests_total{")
                || l.startsWith("mlops_inference_model_run_seconds_count{")) && l.contains(modelTag) && l.contains(versionTag));
    }

    @Test
    void requestsAndSwapsAreCountedByVersionAndOutcome() {
        String model = Serving.unique("counted");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);
        for (int i = 0; i < 3; i++) {
            Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200);
        }
        Oip.infer(model, Oip.row(1, 2)).statusCode(400);

        String tags = "alias=\"champion\",model=\"" + model + "\"";
        assertEquals(3, metric("mlops_inference_requests_total{" + tags + ",outcome=\"ok\",version=\"1\"}"));
        assertEquals(1, metric("mlops_inference_requests_total{" + tags + ",outcome=\"client_error\",version=\"1\"}"));
        // Latency is of answers: the refused request is counted, not timed.
        assertEquals(3, metric("mlops_inference_latency_seconds_count{model=\"" + model + "\",version=\"1\"}"));
        assertEquals(1, metric("mlops_inference_swaps_total{model=\"" + model + "\"}"));
        assertEquals(1, metric("mlops_inference_swap_seconds_count{model=\"" + model + "\"}"));
        // The platform's HTTP server timers carry buckets, so Prometheus can compute percentiles by URI.
        assertTrue(Oip.metrics().lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("le=\"2.5E-4\"") && l.contains("uri=\"/v2/models/{model}/infer\"")), "HTTP histogram buckets");
    }

    private static double metric(String series) {
        return Oip.metrics().lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(-1.0);
    }

    @Test
    void anAliasDeletedAndSetBackDuringALoadOfItsModelKeepsServing() throws Exception {
        String model = Serving.unique("setback");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);
        registry.slowDownloads(model, Duration.ofSeconds(3));
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3), "champion");
        Serving.awaitLoading(model, "champion", LOAD);

        registry.deleteAlias(model, "champion");
        Events.aliasDeleted(model, "champion", 2);
        Serving.move(registry, model, "champion", 1);
        assertServes(model, 1, Duration.ofSeconds(5),
                "champion set back to v1 keeps serving it, through the end of the slow load");
    }

    @Test
    void aModelDeletedDuringItsFirstLoadIsNotServedOnceTheLoadEnds() throws Exception {
        String model = Serving.unique("vanishing");
        registry.createModel(model);
        registry.slowDownloads(model, Duration.ofSeconds(6));
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitLoading(model, "champion", LOAD);
        registry.deleteModel(model);
        Eventually.await(model + " forgotten by a sync while its download runs", Duration.ofSeconds(4), () ->
                Oip.infer(model, Oip.row(1, 2, 3)).extract().statusCode() == 404);
        long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < until) {
            Oip.infer(model, Oip.row(1, 2, 3)).statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
            Thread.sleep(200);
        }
    }

    @Test
    void aModelDeletedFromTheRegistryIsUnloadedAndThenUnknown() {
        String model = Serving.unique("gone");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);

        registry.deleteModel(model);
        Eventually.await(model + " unknown after the sync", LOAD, () ->
                Oip.infer(model, Oip.row(1, 2, 3)).extract().statusCode() == 404);
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
        given().contentType("application/json").body(Map.of("champion", "champion"))
                .put("/api/v1/deployments/" + model).then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
    }

    @Test
    void theRegistrysModelDeletedEventMakesTheModelUnknownWithoutWaitingForASync() {
        String model = Serving.unique("deleted-event");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);

        // No sync can see it (the registry does not answer): only the event tells.
        registry.down(true);
        try {
            registry.deleteModel(model);
            Events.modelDeleted(model);
            Eventually.await(model + " unknown after its event", Duration.ofSeconds(5), () ->
                    Oip.infer(model, Oip.row(1, 2, 3)).extract().statusCode() == 404);
            Oip.infer(model, Oip.row(1, 2, 3)).statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
        } finally {
            registry.down(false);
        }
    }

    @Test
    void aModelASyncsListingMissedIsAskedForByNameAndKeepsServing() throws Exception {
        String model = Serving.unique("shifted");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);

        registry.hideFromListings(model);
        int listings = registry.listings();
        Eventually.await("two syncs after the model left the listing", LOAD, () -> registry.listings() >= listings + 2);
        Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).body("model_version", equalTo("1"));
    }

    @Test
    void aSyncThatReadTheRegistryBeforeAnAliasMovedDoesNotMoveItBack() throws Exception {
        String model = Serving.unique("stale");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, LOAD);
        int next = registry.addVersion(model, OnnxModels.logisticRegression(3, 2, 2), VersionSpec.binary(3)).version();

        RegistryStandIn.HeldListing held = registry.holdNextListing();
        held.awaitRead(Duration.ofSeconds(10));
        // The periodic sync has read "champion = 1"; the alias moves while its answer is on the way.
        Serving.move(registry, model, "champion", next);
        Serving.awaitServing(model, next, LOAD);
        held.releaseAndAwait(Duration.ofSeconds(10));

        assertServes(model, next, Duration.ofSeconds(3), "the stale read moved the champion back");
    }

    /** Every request for {@code during} is answered by {@code version}. */
    private static void assertServes(String model, int version, Duration during, String otherwise)
            throws InterruptedException {
        long until = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < until) {
            assertEquals(String.valueOf(version), Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).extract()
                    .path("model_version"), otherwise);
            Thread.sleep(100);
        }
    }

    private static void awaitFailure(String model, String reason) {
        Eventually.await(reason + " load failure of " + model, LOAD, () -> Oip.metrics().lines().anyMatch(l ->
                l.startsWith("mlops_inference_load_failures_total{") && l.contains("model=\"" + model + "\"")
                        && l.contains("reason=\"" + reason + "\"")));
    }
}
