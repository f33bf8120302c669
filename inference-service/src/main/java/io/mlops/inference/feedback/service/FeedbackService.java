package io.mlops.inference.feedback.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.kafka.EventProducer;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.inference.Feedback;
import io.mlops.inference.config.FeedbackConfig;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.feedback.rest.FeedbackAccepted;
import io.mlops.inference.feedback.rest.FeedbackRequest;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.predictionlog.service.RecentPredictions;
import io.mlops.inference.web.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes ground truth for earlier predictions to {@code mlops.inference.feedback.v1}, keyed by
 * prediction id, and answers only once the broker has acknowledged it: accepted feedback is
 * durable. Ids this replica did not issue are accepted (another replica may have) and counted.
 */
@ApplicationScoped
public class FeedbackService {

    private static final int MAX_ID = 200;
    private static final int MAX_LABEL = 1_000;

    private final EventProducer producer;
    private final RecentPredictions recent;
    private final InferenceMetrics metrics;
    private final FeedbackConfig config;

    public FeedbackService(EventProducer producer, RecentPredictions recent, InferenceMetrics metrics,
                           FeedbackConfig config) {
        this.producer = producer;
        this.recent = recent;
        this.metrics = metrics;
        this.config = config;
    }

    public FeedbackAccepted accept(FeedbackRequest request, Caller caller) {
        Feedback feedback = validate(request);
        String model = recent.modelOf(feedback.predictionId());
        CloudEvent<Feedback> event = CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.FEEDBACK,
                model, caller.actor(), feedback).withTraceparent(caller.traceparent());
        try {
            producer.send(EventType.FEEDBACK.topic(), feedback.predictionId(), EventJson.toBytes(event))
                    .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw InferenceErrors.upstreamUnavailable("Feedback not accepted: the broker did not acknowledge it ("
                    + cause.getClass().getSimpleName() + "); retry later", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InferenceErrors.upstreamUnavailable("Feedback not accepted: interrupted", e);
        }
        metrics.feedback(model != null);
        return new FeedbackAccepted(feedback.predictionId(), model, model != null);
    }

    private static Feedback validate(FeedbackRequest request) {
        if (request == null) {
            throw PlatformException.validation("A JSON body is required: {\"predictionId\":...,\"label\":...}",
                    List.of(new FieldError("$", "required")));
        }
        List<FieldError> errors = new ArrayList<>();
        String id = request.predictionId();
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            errors.add(new FieldError("predictionId", "is required, 1 to " + MAX_ID + " characters"));
        }
        String label = labelText(request.label());
        if (label == null) {
            errors.add(new FieldError("label", "is required: a string, number or boolean"));
        } else if (label.isBlank() || label.length() > MAX_LABEL) {
            errors.add(new FieldError("label", "must be 1 to " + MAX_LABEL + " characters"));
        }
        Instant timestamp = Instant.now();
        if (request.timestamp() != null) {
            try {
                timestamp = OffsetDateTime.parse(request.timestamp()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("timestamp", "must be an RFC 3339 time, e.g. 2024-05-01T12:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw PlatformException.validation("The feedback breaks " + errors.size() + " rule(s)", errors);
        }
        return new Feedback(id, label, timestamp);
    }

    /**
     * A whole number travels without a fraction ({@code 1.0} as {@code "1"}), so it matches a
     * classifier's label {@code "1"}; other numbers as their text (a regression target).
     */
    private static String labelText(JsonNode label) {
        if (label == null || label.isNull() || label.isContainerNode()) {
            return null;
        }
        if (label.isNumber()) {
            double d = label.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
        }
        return label.asText();
    }
}
