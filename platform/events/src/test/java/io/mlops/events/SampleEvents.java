package io.mlops.events;

import io.mlops.events.drift.AlertScope;
import io.mlops.events.drift.DriftAlert;
import io.mlops.events.features.FeatureRows;
import io.mlops.events.features.OnlineUpdated;
import io.mlops.events.features.PushTarget;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.DeploymentUpdated;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.Datatype;
import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelDeleted;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.ModelVersionDeleted;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.Task;
import io.mlops.events.registry.TensorSpec;
import io.mlops.events.registry.TrainingData;
import io.mlops.events.registry.VersionStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic events of every type, with every field set, as the services would publish them. */
final class SampleEvents {

    static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589Z");
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private SampleEvents() {
    }

    static CloudEvent<?> sample(EventType type) {
        Object data = switch (type) {
            case MODEL_CREATED -> modelCreated();
            case MODEL_VERSION_CREATED, MODEL_VERSION_UPDATED -> modelVersion();
            case ALIAS_SET -> new AliasSet("churn", "champion", 3, 2);
            case ALIAS_DELETED -> new AliasDeleted("churn", "challenger", 4);
            case MODEL_VERSION_DELETED -> new ModelVersionDeleted("churn", 2);
            case MODEL_DELETED -> new ModelDeleted("churn");
            case FEATURE_ROWS -> featureRows();
            case ONLINE_UPDATED -> new OnlineUpdated("customer_stats", List.of(1001L, 1002L));
            case PREDICTION -> prediction();
            case FEEDBACK -> new Feedback("7d3c1f0e-8f4a-4c55-9a43-1d2f0b5c6e7a", "yes", T0.plusSeconds(3600));
            case DEPLOYMENT_UPDATED -> new DeploymentUpdated("churn", "champion", "challenger", 10, false,
                    "impute", 3, T0, "alice");
            case DRIFT_DETECTED, DRIFT_RESOLVED -> driftAlert();
            case PERFORMANCE_DEGRADED -> new DriftAlert("a-2", "churn", 3, AlertScope.PERFORMANCE, List.of(),
                    0.0, "auc", 0.61, 0.7, T0.minusSeconds(86_400), T0);
        };
        return new CloudEvent<>("1.0", "evt-" + type.ordinal(), sourceOf(type), type.type(), subjectOf(type),
                T0, "application/json", "alice", TRACEPARENT, data);
    }

    static String sourceOf(EventType type) {
        return switch (type.topic()) {
            case Topics.REGISTRY_EVENTS -> Sources.MODEL_REGISTRY;
            case Topics.FEATURES_INGEST, Topics.FEATURES_UPDATES -> Sources.FEATURE_STORE;
            case Topics.DRIFT_ALERTS -> Sources.DRIFT_MONITOR;
            default -> Sources.INFERENCE_SERVICE;
        };
    }

    private static String subjectOf(EventType type) {
        return type == EventType.FEATURE_ROWS || type == EventType.ONLINE_UPDATED ? "customer_stats" : "churn";
    }

    static ModelCreated modelCreated() {
        return new ModelCreated("churn", "Customer churn classifier", Map.of("team", "growth"),
                T0, T0.plusSeconds(60), 3, Map.of("champion", 3, "challenger", 4));
    }

    static ModelVersion modelVersion() {
        Signature signature = new Signature(
                List.of(new TensorSpec("input", Datatype.FP32, List.of(-1L, 5L))),
                List.of(new TensorSpec("probabilities", Datatype.FP32, List.of(-1L, 2L))));
        return new ModelVersion("churn", 3, VersionStatus.READY,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 48_213L,
                T0, "alice", "run-42", "logistic regression on tenure and plan", Map.of("team", "growth"),
                List.of("champion"), Task.BINARY_CLASSIFICATION, List.of("no", "yes"), "yes", signature,
                List.of("customer_stats:tenure", "customer_stats@2:monthly_spend", "customer_stats:plan"),
                List.of(new Encoding("customer_stats:plan", List.of("basic", "pro", "enterprise"))),
                Map.of("auc", 0.87, "accuracy", 0.81), Map.of("l2", "0.01", "epochs", "20"),
                new TrainingData("churn-train", 2, "sha256:5e8848", 9_000L));
    }

    static FeatureRows featureRows() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", 1001L);
        row.put("event_timestamp", "2025-03-14T09:00:00Z");
        row.put("tenure", 14L);
        row.put("monthly_spend", 42.5);
        row.put("plan", "pro");
        row.put("churned_before", false);
        row.put("discount", null);
        return new FeatureRows("customer_stats", PushTarget.ONLINE_AND_OFFLINE, List.of(row));
    }

    static Prediction prediction() {
        PredictionRow row = new PredictionRow(
                Map.of("tenure", 14L, "monthly_spend", 42.5, "plan", "pro"),
                Map.of("probabilities", List.of(0.27, 0.73)),
                "yes", 0.73,
                Map.of("customer_stats:tenure", T0.minusSeconds(1500)));
        return new Prediction("7d3c1f0e-8f4a-4c55-9a43-1d2f0b5c6e7a", "req-17", "churn", 3, "champion",
                Arm.CHAMPION, List.of(row), 1.25, T0);
    }

    static DriftAlert driftAlert() {
        return new DriftAlert("a-1", "churn", 3, AlertScope.DATASET, List.of("tenure", "plan"), 0.67,
                null, null, 0.5, T0.minusSeconds(3600), T0);
    }
}
