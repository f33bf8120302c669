package io.mlops.events;

import io.mlops.events.drift.DriftAlert;
import io.mlops.events.features.FeatureRows;
import io.mlops.events.features.OnlineUpdated;
import io.mlops.events.inference.DeploymentUpdated;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelDeleted;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.ModelVersionDeleted;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every CloudEvents {@code type} of the platform with the record its {@code data} holds and the topic
 * it travels on: the one table that lets a consumer read {@code data} by {@code type} and a producer
 * pick the topic.
 */
public enum EventType {
    MODEL_CREATED("io.mlops.registry.model.created.v1", Topics.REGISTRY_EVENTS, ModelCreated.class),
    MODEL_VERSION_CREATED("io.mlops.registry.model-version.created.v1", Topics.REGISTRY_EVENTS, ModelVersion.class),
    MODEL_VERSION_UPDATED("io.mlops.registry.model-version.updated.v1", Topics.REGISTRY_EVENTS, ModelVersion.class),
    ALIAS_SET("io.mlops.registry.alias.set.v1", Topics.REGISTRY_EVENTS, AliasSet.class),
    ALIAS_DELETED("io.mlops.registry.alias.deleted.v1", Topics.REGISTRY_EVENTS, AliasDeleted.class),
    /** Beyond the contract's list: the registry's deletions are changes too. */
    MODEL_VERSION_DELETED("io.mlops.registry.model-version.deleted.v1", Topics.REGISTRY_EVENTS,
            ModelVersionDeleted.class),
    MODEL_DELETED("io.mlops.registry.model.deleted.v1", Topics.REGISTRY_EVENTS, ModelDeleted.class),
    FEATURE_ROWS("io.mlops.features.rows.v1", Topics.FEATURES_INGEST, FeatureRows.class),
    ONLINE_UPDATED("io.mlops.features.online-updated.v1", Topics.FEATURES_UPDATES, OnlineUpdated.class),
    PREDICTION("io.mlops.inference.prediction.v1", Topics.INFERENCE_PREDICTIONS, Prediction.class),
    FEEDBACK("io.mlops.inference.feedback.v1", Topics.INFERENCE_FEEDBACK, Feedback.class),
    DEPLOYMENT_UPDATED("io.mlops.inference.deployment.updated.v1", Topics.INFERENCE_DEPLOYMENTS, DeploymentUpdated.class),
    DRIFT_DETECTED("io.mlops.drift.detected.v1", Topics.DRIFT_ALERTS, DriftAlert.class),
    DRIFT_RESOLVED("io.mlops.drift.resolved.v1", Topics.DRIFT_ALERTS, DriftAlert.class),
    PERFORMANCE_DEGRADED("io.mlops.performance.degraded.v1", Topics.DRIFT_ALERTS, DriftAlert.class);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final String topic;
    private final Class<?> dataClass;

    EventType(String type, String topic, Class<?> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type} attribute value. */
    public String type() {
        return type;
    }

    /** The Kafka topic events of this type are published to. */
    public String topic() {
        return topic;
    }

    /** The record {@code data} holds. */
    public Class<?> dataClass() {
        return dataClass;
    }

    /** The event type of a {@code type} attribute; empty for a type this version does not know. */
    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    /** The types published to a topic, e.g. to check what a consumer of it must handle. */
    public static List<EventType> onTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).toList();
    }
}
