package io.mlops.inference.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.events.inference.Feedback;
import io.mlops.inference.support.Events;
import io.mlops.inference.support.InjectStandIn;
import io.mlops.inference.support.Oip;
import io.mlops.inference.support.OnnxModels;
import io.mlops.inference.support.RegistryStandIn;
import io.mlops.inference.support.Serving;
import io.mlops.inference.support.StandInsResource;
import io.mlops.inference.support.VersionSpec;
import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FeedbackTest {

    @InjectStandIn
    RegistryStandIn registry;

    @Test
    void feedbackIsOnTheBrokerWhenAccepted() {
        String model = Serving.unique("feedback");
        Serving.promote(registry, model, OnnxModels.logisticRegression(3, 2, 1), VersionSpec.binary(3), "champion");
        Serving.awaitServing(model, 1, Duration.ofSeconds(15));
        String predictionId = Oip.infer(model, Oip.row(1, 2, 3)).statusCode(200).extract().path("parameters.prediction_id");

        try (Events.Tail tail = Events.tail(Topics.INFERENCE_FEEDBACK)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("predictionId", predictionId, "label", "yes", "timestamp", "2024-05-02T10:00:00Z"))
                    .post("/api/v1/feedback").then().statusCode(202)
                    .body("knownPrediction", equalTo(true))
                    .body("model", equalTo(model));
            given().contentType(ContentType.JSON).body(Map.of("predictionId", "issued-elsewhere", "label", 3.5))
                    .post("/api/v1/feedback").then().statusCode(202).body("knownPrediction", equalTo(false));
            // A whole number sent as 1.0 is the class "1", as a classifier's labels spell it.
            given().contentType(ContentType.JSON).body("{\"predictionId\":\"issued-elsewhere-2\",\"label\":1.0}")
                    .post("/api/v1/feedback").then().statusCode(202);

            List<CloudEvent<?>> events = tail.until(e -> e.size() >= 3, Duration.ofSeconds(15));
            assertTrue(events.stream().anyMatch(e -> ((Feedback) e.data()).predictionId().equals("issued-elsewhere-2")
                    && ((Feedback) e.data()).label().equals("1")), "1.0 travels as \"1\"");
            CloudEvent<?> ours = events.stream().filter(e -> ((Feedback) e.data()).predictionId().equals(predictionId))
                    .findFirst().orElseThrow();
            Feedback feedback = (Feedback) ours.data();
            assertEquals("yes", feedback.label());
            assertEquals(Instant.parse("2024-05-02T10:00:00Z"), feedback.timestamp());
            assertEquals(model, ours.subject());
            assertTrue(tail.records().stream().anyMatch(r -> predictionId.equals(r.key())), "keyed by prediction id");
            assertTrue(events.stream().anyMatch(e -> ((Feedback) e.data()).label().equals("3.5")));
        }
        assertTrue(Oip.metrics().lines().anyMatch(l -> l.startsWith("mlops_inference_feedback_total{")
                && l.contains("prediction=\"unknown\"")));
    }

    @Test
    void invalidFeedbackIs422NamingTheFields() {
        given().contentType(ContentType.JSON).body(Map.of("label", List.of(1), "timestamp", "yesterday"))
                .post("/api/v1/feedback").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("predictionId", "label", "timestamp"));
    }
}
