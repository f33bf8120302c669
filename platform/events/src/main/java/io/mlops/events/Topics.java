package io.mlops.events;

import java.util.List;

/** Every Kafka topic of the platform, named once. The broker launcher creates all of them. */
public final class Topics {

    public static final String REGISTRY_EVENTS = "mlops.registry.events.v1";
    public static final String FEATURES_INGEST = "mlops.features.ingest.v1";
    public static final String FEATURES_UPDATES = "mlops.features.updates.v1";
    public static final String INFERENCE_PREDICTIONS = "mlops.inference.predictions.v1";
    public static final String INFERENCE_FEEDBACK = "mlops.inference.feedback.v1";
    public static final String INFERENCE_DEPLOYMENTS = "mlops.inference.deployments.v1";
    public static final String DRIFT_ALERTS = "mlops.drift.alerts.v1";
    public static final String FEATURES_INGEST_DLQ = "mlops.features.ingest.dlq.v1";
    public static final String INFERENCE_PREDICTIONS_DLQ = "mlops.inference.predictions.dlq.v1";

    /** Dead-letter record headers: why it failed, and where it came from. */
    public static final String DLQ_HEADER_ERROR = "error";
    public static final String DLQ_HEADER_SOURCE_TOPIC = "source-topic";
    public static final String DLQ_HEADER_SOURCE_OFFSET = "source-offset";
    /** On a dead letter whose value was cut to fit the broker's record limit: the original size in bytes. */
    public static final String DLQ_HEADER_TRUNCATED_FROM = "truncated-from-bytes";

    private static final List<String> ALL = List.of(
            REGISTRY_EVENTS, FEATURES_INGEST, FEATURES_UPDATES, INFERENCE_PREDICTIONS,
            INFERENCE_FEEDBACK, INFERENCE_DEPLOYMENTS, DRIFT_ALERTS,
            FEATURES_INGEST_DLQ, INFERENCE_PREDICTIONS_DLQ);

    private Topics() {
    }

    /** All topics, DLQs included, in a stable order. */
    public static List<String> all() {
        return ALL;
    }
}
