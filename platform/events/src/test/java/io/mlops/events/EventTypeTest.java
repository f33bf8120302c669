package io.mlops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.drift.DriftAlert;
import io.mlops.events.registry.ModelVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void namesExactlyTheTypesOfTheContractAndTheRegistrysDeletions() {
        Set<String> types = Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toSet());

        assertEquals(Set.of(
                "io.mlops.registry.model.created.v1",
                "io.mlops.registry.model-version.created.v1",
                "io.mlops.registry.model-version.updated.v1",
                "io.mlops.registry.alias.set.v1",
                "io.mlops.registry.alias.deleted.v1",
                "io.mlops.registry.model-version.deleted.v1",
                "io.mlops.registry.model.deleted.v1",
                "io.mlops.features.rows.v1",
                "io.mlops.features.online-updated.v1",
                "io.mlops.inference.prediction.v1",
                "io.mlops.inference.feedback.v1",
                "io.mlops.inference.deployment.updated.v1",
                "io.mlops.drift.detected.v1",
                "io.mlops.drift.resolved.v1",
                "io.mlops.performance.degraded.v1"), types);
        assertEquals(EventType.values().length, types.size());
    }

    @Test
    void everyTypeGoesToAKnownTopicAndCarriesARecord() {
        for (EventType type : EventType.values()) {
            assertTrue(Topics.all().contains(type.topic()), type + " -> " + type.topic());
            assertTrue(type.dataClass().isRecord(), type + " carries " + type.dataClass());
        }
    }

    @Test
    void mapsTypesToTopicsAsTheContractTable() {
        assertEquals(List.of(EventType.MODEL_CREATED, EventType.MODEL_VERSION_CREATED,
                EventType.MODEL_VERSION_UPDATED, EventType.ALIAS_SET, EventType.ALIAS_DELETED,
                EventType.MODEL_VERSION_DELETED, EventType.MODEL_DELETED),
                EventType.onTopic(Topics.REGISTRY_EVENTS));
        assertEquals(List.of(EventType.FEATURE_ROWS), EventType.onTopic(Topics.FEATURES_INGEST));
        assertEquals(List.of(EventType.ONLINE_UPDATED), EventType.onTopic(Topics.FEATURES_UPDATES));
        assertEquals(List.of(EventType.PREDICTION), EventType.onTopic(Topics.INFERENCE_PREDICTIONS));
        assertEquals(List.of(EventType.FEEDBACK), EventType.onTopic(Topics.INFERENCE_FEEDBACK));
        assertEquals(List.of(EventType.DEPLOYMENT_UPDATED), EventType.onTopic(Topics.INFERENCE_DEPLOYMENTS));
        assertEquals(List.of(EventType.DRIFT_DETECTED, EventType.DRIFT_RESOLVED, EventType.PERFORMANCE_DEGRADED),
                EventType.onTopic(Topics.DRIFT_ALERTS));
        assertEquals(List.of(), EventType.onTopic(Topics.FEATURES_INGEST_DLQ));
    }

    @Test
    void looksUpByTypeString() {
        assertEquals(Optional.of(EventType.MODEL_VERSION_UPDATED),
                EventType.fromType("io.mlops.registry.model-version.updated.v1"));
        assertEquals(ModelVersion.class, EventType.MODEL_VERSION_UPDATED.dataClass());
        assertEquals(DriftAlert.class, EventType.PERFORMANCE_DEGRADED.dataClass());
        assertEquals(Optional.empty(), EventType.fromType("io.mlops.registry.model.created.v2"));
        assertEquals(Optional.empty(), EventType.fromType(null));
    }

    @Test
    void sourcesFollowTheServiceNaming() {
        for (String source : List.of(Sources.MODEL_REGISTRY, Sources.FEATURE_STORE, Sources.INFERENCE_SERVICE,
                Sources.DRIFT_MONITOR)) {
            assertTrue(source.matches("/mlops/[a-z]+-[a-z]+"), source);
        }
    }
}
