package io.mlops.inference.support;

import static io.restassured.RestAssured.given;

import io.mlops.events.registry.ModelVersion;
import io.mlops.infra.testing.contract.Eventually;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Puts models into service the way the platform does: register in the registry, set the alias, publish the event. */
public final class Serving {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Serving() {
    }

    /** A model name no other test uses in this JVM. */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() % 10_000 + "-" + COUNTER.incrementAndGet();
    }

    /** Registers a version, points {@code alias} at it and announces it; returns the version JSON. */
    public static ModelVersion promote(RegistryStandIn registry, String model, byte[] onnx, VersionSpec spec, String alias) {
        ModelVersion version = registry.addVersion(model, onnx, spec);
        move(registry, model, alias, version.version());
        return version;
    }

    public static void move(RegistryStandIn registry, String model, String alias, int version) {
        registry.setAlias(model, alias, version);
        Events.aliasSet(model, alias, version, null);
    }

    /** Waits until the version the champion serves is {@code version}. */
    public static void awaitServing(String model, int version, Duration timeout) {
        awaitVersion(model, "champion", version, timeout);
    }

    public static void awaitVersion(String model, String alias, int version, Duration timeout) {
        Eventually.await(model + "@" + alias + " serving v" + version, timeout, () -> {
            var response = given().get("/api/v1/deployments/" + model).then().extract();
            Object served = response.statusCode() == 200 ? response.path("loaded.'" + alias + "'.version") : null;
            return served != null && ((Number) served).intValue() == version;
        });
    }

    /** Waits until {@code model@alias} has a load under way (a slow download holds it there). */
    public static void awaitLoading(String model, String alias, Duration timeout) {
        Eventually.await(model + "@" + alias + " loading", timeout, () ->
                given().get("/api/v1/deployments/" + model).then().extract().path("loading.'" + alias + "'") != null);
    }
}
