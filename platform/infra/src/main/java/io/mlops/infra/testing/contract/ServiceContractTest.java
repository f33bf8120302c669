package io.mlops.infra.testing.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every service promises at its edges, checked the same way for each: readiness against a
 * real database and broker, its own metric on {@code /q/metrics}, an OpenAPI document, and
 * problem+json for a path that does not exist. A service's test extends this and names its metric.
 */
public abstract class ServiceContractTest {

    /** A metric name of the service's own, e.g. {@code mlops_registry_outbox_pending}. */
    protected abstract String ownMetric();

    @Test
    void readyWithRealDatabaseAndBroker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    @Test
    void alive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsExposeTheServiceOwnMetric() {
        Eventually.await(ownMetric() + " on /q/metrics", Duration.ofSeconds(20), () -> given()
                .when().get("/q/metrics").then().statusCode(200)
                .extract().asString().lines().anyMatch(line -> line.startsWith(ownMetric())));
    }

    @Test
    void openApiDocumentServed() {
        given().accept(ContentType.JSON).when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    void unknownRouteIsProblemJson() {
        given().accept(ContentType.JSON).when().get("/api/v1/no-such-thing/here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/no-such-thing/here"));
    }
}
