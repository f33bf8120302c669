package io.mlops.registry.tracking;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.PROBLEM;
import static io.mlops.registry.support.Registry.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TrackingTest {

    @Test
    void createsListsAndGetsExperimentsWithUniqueNames() {
        String name = unique("exp");
        String id = given().contentType(ContentType.JSON).header("X-Actor", "dana").body(Map.of("name", name))
                .post(API + "/experiments").then().statusCode(201)
                .body("name", equalTo(name)).body("createdBy", equalTo("dana")).extract().path("id");
        given().get(API + "/experiments/" + id).then().statusCode(200).body("name", equalTo(name));
        given().queryParam("name", name).get(API + "/experiments").then().statusCode(200)
                .body("experiments.id", equalTo(List.of(id)));
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post(API + "/experiments")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("CONFLICT"));
        given().contentType(ContentType.JSON).body(Map.of("name", "../x")).post(API + "/experiments")
                .then().statusCode(422);
        given().get(API + "/experiments/999999999").then().statusCode(404).contentType(PROBLEM);
        given().get(API + "/experiments/abc").then().statusCode(404);
    }

    @Test
    void tracksARunsLifecycleParamsAndMetrics() {
        String experiment = experiment();
        String data = unique("data");
        given().contentType(ContentType.JSON).body(Map.of("digest", "sha256:aa", "rows", 1000, "location", "file:///d.csv"))
                .post(API + "/datasets/" + data + "/versions").then().statusCode(201);
        String run = given().contentType(ContentType.JSON).header("X-Actor", "erin")
                .body(Map.of("experimentId", experiment, "name", "baseline", "params", Map.of("lr", "0.1"),
                        "tags", Map.of("git", "abc123"),
                        "datasets", List.of(Map.of("name", data, "version", 1, "context", "training"))))
                .post(API + "/runs").then().statusCode(201)
                .body("status", equalTo("RUNNING")).body("createdBy", equalTo("erin"))
                .body("datasets[0].name", equalTo(data)).body("datasets[0].digest", equalTo("sha256:aa"))
                .extract().path("id");

        given().contentType(ContentType.JSON).body(List.of(
                        Map.of("key", "loss", "value", 0.9, "step", 0),
                        Map.of("key", "loss", "value", 0.5, "step", 2),
                        Map.of("key", "loss", "value", 0.7, "step", 1),
                        Map.of("key", "auc", "value", 0.83)))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(200).body("logged", equalTo(4));
        given().get(API + "/runs/" + run).then().statusCode(200)
                .body("metrics.loss", equalTo(0.5f)).body("metrics.auc", equalTo(0.83f));
        given().get(API + "/runs/" + run + "/metrics/loss").then().statusCode(200)
                .body("history.step", equalTo(List.of(0, 1, 2)))
                .body("history.value", equalTo(List.of(0.9f, 0.7f, 0.5f)))
                .body("history[0].timestamp", notNullValue());
        // A numeric timestamp is epoch milliseconds, as MLflow's clients send it.
        given().contentType(ContentType.JSON).body(List.of(Map.of("key", "f1", "value", 0.6, "timestamp", 1714564800000L)))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(200);
        given().get(API + "/runs/" + run + "/metrics/f1").then().statusCode(200)
                .body("history[0].timestamp", equalTo("2024-05-01T12:00:00Z"));

        given().contentType(ContentType.JSON).body(Map.of("status", "FINISHED", "params", Map.of("epochs", "10")))
                .patch(API + "/runs/" + run).then().statusCode(200)
                .body("status", equalTo("FINISHED")).body("endTime", notNullValue())
                .body("params", equalTo(Map.of("lr", "0.1", "epochs", "10")));
        given().contentType(ContentType.JSON).body(Map.of("params", Map.of("lr", "0.2")))
                .patch(API + "/runs/" + run).then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().contentType(ContentType.JSON).body(Map.of("status", "DONE")).patch(API + "/runs/" + run)
                .then().statusCode(422).body("errors.field", hasItem("status"));
        given().get(API + "/runs/" + run).then().body("params.lr", equalTo("0.1"));
    }

    @Test
    void refusesBadRunsAndMetrics() {
        given().contentType(ContentType.JSON).body(Map.of("experimentId", "424242424")).post(API + "/runs")
                .then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post(API + "/runs")
                .then().statusCode(422).body("errors.field", hasItem("experimentId"));
        given().get(API + "/runs/5b7d2c1e-0000-4000-8000-000000000000").then().statusCode(404)
                .body("code", equalTo("RUN_NOT_FOUND"));
        given().get(API + "/runs/not-a-uuid").then().statusCode(404).body("code", equalTo("RUN_NOT_FOUND"));
        String run = run(experiment(), Map.of());
        given().contentType(ContentType.JSON).body(List.of(Map.of("key", "auc"), Map.of("value", 1)))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(422)
                .body("errors.field", equalTo(List.of("metrics[0].value", "metrics[1].key")));
        given().contentType(ContentType.JSON).body("{\"metrics\": 3}").post(API + "/runs/" + run + "/metrics")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("key", "late", "value", 1, "timestamp", 10_000_000_000_000_000L),
                        Map.of("key", "late", "value", 1, "timestamp", "+300000-01-01T00:00:00Z"),
                        Map.of("key", "late", "value", 1, "timestamp", 1.5)))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(422)
                .body("errors.field", equalTo(List.of("metrics[0].timestamp", "metrics[1].timestamp", "metrics[2].timestamp")));
        given().contentType(ContentType.JSON).body(Map.of("experimentId", experiment(), "startTime", "+300000-01-01T00:00:00Z"))
                .post(API + "/runs").then().statusCode(422).body("errors.field", hasItem("startTime"));
        // Past the dates java.time can name a year of: compared, not converted.
        given().contentType(ContentType.JSON).body(Map.of("experimentId", experiment(), "startTime", "+1000000000-01-01T00:00:00Z"))
                .post(API + "/runs").then().statusCode(422).body("errors.field", hasItem("startTime"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("key", "a\u0000", "value", 1)))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(422)
                .body("errors.field", equalTo(List.of("metrics[0].key")))
                .body("errors[0].message", containsString("NUL"));
        given().get(API + "/runs/" + run).then().body("metrics", equalTo(Map.of()));
    }

    @Test
    void searchesRunsByLatestMetricsAndParams() {
        String experiment = experiment();
        String good = run(experiment, Map.of("lr", "0.1"));
        String slow = run(experiment, Map.of("lr", "0.01"));
        String regressed = run(experiment, Map.of("lr", "0.1"));
        metric(good, "auc", 0.9, 1);
        metric(slow, "auc", 0.85, 1);
        metric(regressed, "auc", 0.95, 1);
        metric(regressed, "auc", 0.7, 2);

        given().queryParam("experimentId", experiment)
                .queryParam("filter", "metrics.auc > 0.8 AND params.lr = '0.1'")
                .get(API + "/runs").then().statusCode(200).body("runs.id", equalTo(List.of(good)));
        given().queryParam("experimentId", experiment).queryParam("orderBy", "metrics.auc DESC")
                .get(API + "/runs").then().statusCode(200).body("runs.id", equalTo(List.of(good, slow, regressed)));
        given().queryParam("experimentId", experiment).queryParam("filter", "attributes.status = 'RUNNING'")
                .queryParam("pageSize", 2).get(API + "/runs").then().statusCode(200)
                .body("runs", hasSize(2)).body("nextPageToken", notNullValue());
        given().queryParam("filter", "metrics.auc > 'x'").get(API + "/runs").then().statusCode(400)
                .body("code", equalTo("INVALID_FILTER"));
        given().queryParam("experimentId", experiment + ",abc").get(API + "/runs").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("experimentId"));
    }

    @Test
    void acceptsNaNAndInfinitiesAsMlflowDoesWithoutTheirWinningSearches() {
        String experiment = experiment();
        String diverged = run(experiment, Map.of());
        String fine = run(experiment, Map.of());
        given().contentType(ContentType.JSON).body(List.of(
                        Map.of("key", "loss", "value", "NaN", "step", 7),
                        Map.of("key", "acc", "value", 0.61, "step", 7),
                        Map.of("key", "grad", "value", "Infinity", "step", 7)))
                .post(API + "/runs/" + diverged + "/metrics").then().statusCode(200).body("logged", equalTo(3));
        metric(fine, "loss", 0.3, 7);
        given().get(API + "/runs/" + diverged).then().statusCode(200)
                .body("metrics.loss", equalTo("NaN")).body("metrics.grad", equalTo("Infinity"))
                .body("metrics.acc", equalTo(0.61f));
        given().get(API + "/runs/" + diverged + "/metrics/loss").then().statusCode(200)
                .body("history.value", equalTo(List.of("NaN"))).body("history.step", equalTo(List.of(7)));
        given().queryParam("experimentId", experiment).queryParam("filter", "metrics.loss > 0")
                .get(API + "/runs").then().statusCode(200).body("runs.id", equalTo(List.of(fine)));
        given().queryParam("experimentId", experiment).queryParam("orderBy", "metrics.loss DESC")
                .get(API + "/runs").then().statusCode(200).body("runs.id", equalTo(List.of(fine, diverged)));
        given().queryParam("experimentId", experiment).queryParam("filter", "metrics.grad > 1e300")
                .get(API + "/runs").then().statusCode(200).body("runs.id", equalTo(List.of(diverged)));
        // At one step and time a number is the latest value, whichever was logged first.
        for (List<Object> order : List.of(List.<Object>of("NaN", 0.8), List.<Object>of(0.8, "NaN"))) {
            String tied = run(experiment, Map.of());
            given().contentType(ContentType.JSON).body(order.stream().map(value -> Map.of("key", "loss", "value", value,
                            "step", 7, "timestamp", 1714564800000L)).toList())
                    .post(API + "/runs/" + tied + "/metrics").then().statusCode(200);
            given().get(API + "/runs/" + tied).then().body("metrics.loss", equalTo(0.8f));
        }
    }

    @Test
    void aRetriedBatchAddsNothingAndTiesGoToTheLargerValue() {
        String run = run(experiment(), Map.of());
        List<Map<String, Object>> batch = List.of(
                Map.of("key", "auc", "value", 0.9, "step", 3, "timestamp", 1714564800000L),
                Map.of("key", "auc", "value", 0.7, "step", 3, "timestamp", 1714564800000L));
        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON).body(batch).post(API + "/runs/" + run + "/metrics").then().statusCode(200);
        }
        given().get(API + "/runs/" + run + "/metrics/auc").then().statusCode(200)
                .body("history.value", equalTo(List.of(0.7f, 0.9f)));
        given().get(API + "/runs/" + run).then().body("metrics.auc", equalTo(0.9f));
    }

    @Test
    void aResumedRunHasNoEndTimeAndEndingItAgainRecordsTheNewEnd() throws InterruptedException {
        String experiment = experiment();
        String run = run(experiment, Map.of());
        String first = given().contentType(ContentType.JSON).body(Map.of("status", "FINISHED"))
                .patch(API + "/runs/" + run).then().statusCode(200).extract().path("endTime");
        given().contentType(ContentType.JSON).body(Map.of("status", "RUNNING"))
                .patch(API + "/runs/" + run).then().statusCode(200).body("endTime", nullValue());
        given().queryParam("experimentId", experiment).queryParam("filter", "endTime IS NULL")
                .get(API + "/runs").then().statusCode(200).body("runs.id", equalTo(List.of(run)));
        Thread.sleep(20);
        String second = given().contentType(ContentType.JSON).body(Map.of("status", "FAILED"))
                .patch(API + "/runs/" + run).then().statusCode(200).extract().path("endTime");
        assertTrue(Instant.parse(second).isAfter(Instant.parse(first)), first + " then " + second);
        given().contentType(ContentType.JSON).body(Map.of("tags", Map.of("note", "x")))
                .patch(API + "/runs/" + run).then().statusCode(200).body("endTime", equalTo(second));
    }

    private static String experiment() {
        return given().contentType(ContentType.JSON).body(Map.of("name", unique("exp")))
                .post(API + "/experiments").then().statusCode(201).extract().path("id");
    }

    private static String run(String experiment, Map<String, String> params) {
        return given().contentType(ContentType.JSON).body(Map.of("experimentId", experiment, "params", params))
                .post(API + "/runs").then().statusCode(201).extract().path("id");
    }

    private static void metric(String run, String key, double value, long step) {
        given().contentType(ContentType.JSON).body(Map.of("metrics", List.of(Map.of("key", key, "value", value, "step", step))))
                .post(API + "/runs/" + run + "/metrics").then().statusCode(200);
    }
}
