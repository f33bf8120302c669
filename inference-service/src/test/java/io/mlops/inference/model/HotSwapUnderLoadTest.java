package io.mlops.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Versions swap under sustained load without failing or reordering a single request. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HotSwapUnderLoadTest {

    private static final int CLIENTS = 4;
    private static final Pattern VERSION = Pattern.compile("\"model_version\":\"(\\d+)\"");

    @InjectStandIn
    RegistryStandIn registry;

    @TestHTTPResource("/")
    URI base;

    @Test
    void twoThousandRequestsAcrossTwoSwapsAllSucceedAndNeverGoBack() throws Exception {
        String model = Serving.unique("hotswap");
        Serving.promote(registry, model, OnnxModels.logisticRegression(8, 2, 1), VersionSpec.binary(8), "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));
        registry.addVersion(model, OnnxModels.logisticRegression(8, 2, 2), VersionSpec.binary(8));
        registry.addVersion(model, OnnxModels.logisticRegression(8, 2, 3), VersionSpec.binary(8));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/models/" + model + "/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"name\":\"features\",\"shape\":[1,8],"
                        + "\"datatype\":\"FP32\",\"data\":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8]}]}"))
                .build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger[] byVersion = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                int highest = 0;
                while (!stop.get()) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher m = VERSION.matcher(response.body());
                        if (response.statusCode() != 200 || !m.find()) {
                            failures.add(response.statusCode() + " " + response.body());
                            continue;
                        }
                        int version = Integer.parseInt(m.group(1));
                        if (version < highest) {
                            failures.add("v" + version + " answered after v" + highest + " on the same client");
                        }
                        highest = Math.max(highest, version);
                        byVersion[version].incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    total.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            Eventually.await("500 requests on v1", Duration.ofSeconds(60), () -> total.get() >= 500);
            Serving.move(registry, model, "champion", 2);
            Eventually.await("v2 answering", Duration.ofSeconds(30), () -> byVersion[2].get() >= 300);
            Serving.move(registry, model, "champion", 3);
            Eventually.await("v3 answering and 2,000 requests in all", Duration.ofSeconds(60),
                    () -> byVersion[3].get() >= 300 && total.get() >= 2_000);
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            clients.shutdownNow();
        }

        assertTrue(failures.isEmpty(), failures.size() + " failed requests, e.g. " + failures.peek());
        assertTrue(total.get() >= 2_000, "requests: " + total.get());
        assertEquals(total.get(), byVersion[1].get() + byVersion[2].get() + byVersion[3].get());
        assertTrue(byVersion[1].get() > 0 && byVersion[2].get() > 0 && byVersion[3].get() > 0,
                "every version answered: v1=" + byVersion[1] + " v2=" + byVersion[2] + " v3=" + byVersion[3]);
        // The swapped-out versions are unloaded: only v3 is still reported loaded.
        List<String> loaded = Oip.metrics().lines()
                .filter(l -> l.startsWith("mlops_inference_model_loaded{") && l.contains("model=\"" + model + "\""))
                .toList();
        assertEquals(1, loaded.size(), loaded.toString());
        assertTrue(loaded.get(0).contains("version=\"3\""), loaded.toString());
        assertFalse(loaded.get(0).contains("version=\"1\""));
    }
}
