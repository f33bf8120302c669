package io.mlops.events;

import static io.mlops.events.JsonTrees.fieldNames;
import static io.mlops.events.JsonTrees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.events.features.FeatureRows;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.Datatype;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code data} of each event has exactly the member names and spellings of the contract. */
class EventDataJsonTest {

    private static JsonNode data(EventType type) {
        return tree(SampleEvents.sample(type)).get("data");
    }

    @Test
    void modelCreatedIsTheModelJson() {
        JsonNode data = data(EventType.MODEL_CREATED);

        assertEquals(Set.of("name", "description", "tags", "createdAt", "updatedAt", "latestVersion", "aliases"),
                fieldNames(data));
        assertEquals(3, data.get("aliases").get("champion").intValue());
        assertEquals("growth", data.get("tags").get("team").asText());
        assertEquals("2025-03-14T09:27:53.589Z", data.get("updatedAt").asText());
    }

    @Test
    void modelVersionIsTheVersionJsonWithoutProfile() {
        JsonNode data = data(EventType.MODEL_VERSION_CREATED);

        assertEquals(Set.of("name", "version", "status", "sha256", "sizeBytes", "createdAt", "createdBy", "runId",
                "description", "tags", "aliases", "task", "labels", "positiveLabel", "signature", "featureRefs",
                "encodings", "metrics", "params", "trainingData"), fieldNames(data));
        assertEquals(3, data.get("version").intValue());
        assertEquals("READY", data.get("status").asText());
        assertEquals("BINARY_CLASSIFICATION", data.get("task").asText());
        assertEquals(48_213L, data.get("sizeBytes").longValue());
        assertEquals("champion", data.get("aliases").get(0).asText());
        assertEquals(0.87, data.get("metrics").get("auc").doubleValue());
        assertEquals("customer_stats@2:monthly_spend", data.get("featureRefs").get(1).asText());
    }

    @Test
    void modelVersionNestedValuesUseContractNames() {
        JsonNode data = data(EventType.MODEL_VERSION_UPDATED);

        JsonNode signature = data.get("signature");
        assertEquals(Set.of("inputs", "outputs"), fieldNames(signature));
        JsonNode input = signature.get("inputs").get(0);
        assertEquals(Set.of("name", "datatype", "shape"), fieldNames(input));
        assertEquals("FP32", input.get("datatype").asText());
        assertEquals(-1, input.get("shape").get(0).intValue());
        assertEquals(5, input.get("shape").get(1).intValue());

        JsonNode encoding = data.get("encodings").get(0);
        assertEquals(Set.of("feature", "oneHot"), fieldNames(encoding));
        assertEquals("enterprise", encoding.get("oneHot").get(2).asText());

        assertEquals(Set.of("name", "version", "digest", "rows"), fieldNames(data.get("trainingData")));
        assertEquals(9_000L, data.get("trainingData").get("rows").longValue());
    }

    @Test
    void aliasSetCarriesPreviousVersion() {
        JsonNode data = data(EventType.ALIAS_SET);

        assertEquals(Set.of("model", "alias", "version", "previousVersion"), fieldNames(data));
        assertEquals(3, data.get("version").intValue());
        assertEquals(2, data.get("previousVersion").intValue());
    }

    @Test
    void firstAliasSetLeavesPreviousVersionOut() {
        CloudEvent<AliasSet> event = CloudEvent.of(Sources.MODEL_REGISTRY, EventType.ALIAS_SET, "churn", "bob",
                new AliasSet("churn", "champion", 1, null));

        JsonNode data = tree(event).get("data");

        assertFalse(data.has("previousVersion"));
        assertEquals(event, EventJson.fromBytes(EventJson.toBytes(event)));
    }

    @Test
    void aliasDeletedNamesWhatTheAliasPointedAt() {
        JsonNode data = data(EventType.ALIAS_DELETED);

        assertEquals(Set.of("model", "alias", "previousVersion"), fieldNames(data));
        assertEquals(4, data.get("previousVersion").intValue());
    }

    @Test
    void featureRowsKeepPushRowShapeIncludingNullValues() {
        JsonNode data = data(EventType.FEATURE_ROWS);

        assertEquals(Set.of("featureView", "to", "rows"), fieldNames(data));
        assertEquals("online_and_offline", data.get("to").asText());
        JsonNode row = data.get("rows").get(0);
        assertEquals(1001L, row.get("customer_id").longValue());
        assertEquals("2025-03-14T09:00:00Z", row.get("event_timestamp").asText());
        assertTrue(row.has("discount") && row.get("discount").isNull(), "a null feature value is kept");
    }

    @Test
    void featureRowValuesReadBackAsJsonScalarsWithIntegersAsLong() {
        CloudEvent<FeatureRows> read = EventJson.fromBytes(
                EventJson.toBytes(SampleEvents.sample(EventType.FEATURE_ROWS)), FeatureRows.class);

        Map<String, Object> row = read.data().rows().get(0);
        assertEquals(1001L, row.get("customer_id"));
        assertEquals(42.5, row.get("monthly_spend"));
        assertEquals(Boolean.FALSE, row.get("churned_before"));
        assertTrue(row.containsKey("discount"));
    }

    @Test
    void onlineUpdatedListsKeys() {
        JsonNode data = data(EventType.ONLINE_UPDATED);

        assertEquals(Set.of("featureView", "keys"), fieldNames(data));
        assertEquals(1002L, data.get("keys").get(1).longValue());
    }

    @Test
    void predictionHasRowsWithFeaturesOutputsAndScore() {
        JsonNode data = data(EventType.PREDICTION);

        assertEquals(Set.of("predictionId", "requestId", "model", "version", "alias", "arm", "rows", "latencyMs",
                "timestamp"), fieldNames(data));
        assertEquals("champion", data.get("arm").asText());
        assertEquals(1.25, data.get("latencyMs").doubleValue());
        JsonNode row = data.get("rows").get(0);
        assertEquals(Set.of("features", "outputs", "predictedLabel", "score", "featureTimestamps"), fieldNames(row));
        assertEquals("pro", row.get("features").get("plan").asText());
        assertEquals(0.73, row.get("outputs").get("probabilities").get(1).doubleValue());
        assertEquals("2025-03-14T09:01:53.589Z", row.get("featureTimestamps").get("customer_stats:tenure").asText());
    }

    @Test
    void regressionPredictionLeavesPredictedLabelOut() {
        Prediction sample = SampleEvents.prediction();
        PredictionRow row = new PredictionRow(sample.rows().get(0).features(),
                Map.of("variable", List.of(12.5)), null, 12.5, null);
        Prediction prediction = new Prediction(sample.predictionId(), null, "spend", 1, "champion",
                Arm.SHADOW, List.of(row), 0.4, SampleEvents.T0);

        JsonNode data = tree(CloudEvent.of(Sources.INFERENCE_SERVICE, EventType.PREDICTION, "spend", null,
                prediction)).get("data");

        assertFalse(data.has("requestId"));
        assertEquals("shadow", data.get("arm").asText());
        assertEquals(Set.of("features", "outputs", "score"), fieldNames(data.get("rows").get(0)));
    }

    @Test
    void feedbackNamesPredictionAndLabel() {
        JsonNode data = data(EventType.FEEDBACK);

        assertEquals(Set.of("predictionId", "label", "timestamp"), fieldNames(data));
        assertEquals("yes", data.get("label").asText());
    }

    @Test
    void feedbackAcceptsANumericLabel() {
        ObjectNode json = tree(SampleEvents.sample(EventType.FEEDBACK));
        ((ObjectNode) json.get("data")).put("label", 17.5);

        CloudEvent<Feedback> read = EventJson.fromBytes(JsonTrees.bytes(json), Feedback.class);

        assertEquals("17.5", read.data().label());
    }

    @Test
    void deploymentUpdatedIsTheDeploymentJson() {
        JsonNode data = data(EventType.DEPLOYMENT_UPDATED);

        assertEquals(Set.of("model", "champion", "challenger", "challengerPercent", "shadow", "missingFeatures",
                "revision", "updatedAt", "updatedBy"), fieldNames(data));
        assertEquals(10, data.get("challengerPercent").intValue());
        assertFalse(data.get("shadow").booleanValue());
        assertEquals("alice", data.get("updatedBy").asText());
    }

    @Test
    void datasetDriftAlertLeavesMetricAndValueOut() {
        JsonNode data = data(EventType.DRIFT_DETECTED);

        assertEquals(Set.of("alertId", "model", "version", "scope", "features", "driftedShare", "threshold",
                "windowStart", "windowEnd"), fieldNames(data));
        assertEquals("dataset", data.get("scope").asText());
        assertEquals("plan", data.get("features").get(1).asText());
        assertEquals(0.67, data.get("driftedShare").doubleValue());
        assertEquals("2025-03-14T08:26:53.589Z", data.get("windowStart").asText());
    }

    @Test
    void performanceAlertCarriesMetricAndValue() {
        JsonNode data = data(EventType.PERFORMANCE_DEGRADED);

        assertEquals(Set.of("alertId", "model", "version", "scope", "features", "driftedShare", "metric", "value",
                "threshold", "windowStart", "windowEnd"), fieldNames(data));
        assertEquals("performance", data.get("scope").asText());
        assertEquals("auc", data.get("metric").asText());
        assertEquals(0.61, data.get("value").doubleValue());
        assertEquals(0.7, data.get("threshold").doubleValue());
    }

    @Test
    void unknownDataMembersAreIgnored() {
        ObjectNode json = tree(SampleEvents.sample(EventType.ALIAS_SET));
        ((ObjectNode) json.get("data")).put("reason", "added by a newer producer");
        json.put("partitionkey", "churn");

        CloudEvent<?> read = EventJson.fromBytes(JsonTrees.bytes(json));

        assertEquals(SampleEvents.sample(EventType.ALIAS_SET), read);
    }

    @Test
    void alertScopeOutsideTheContractIsRejectedWithItsPath() {
        ObjectNode json = tree(SampleEvents.sample(EventType.DRIFT_DETECTED));
        ((ObjectNode) json.get("data")).put("scope", "galaxy");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventJson.fromBytes(JsonTrees.bytes(json)));

        assertEquals("data.scope", e.attribute());
        assertTrue(e.getMessage().contains("galaxy"), e.getMessage());
    }

    @Test
    void versionDeserializesToTheRecordTypes() {
        ModelVersion version = EventJson.fromBytes(
                EventJson.toBytes(SampleEvents.sample(EventType.MODEL_VERSION_CREATED)), ModelVersion.class).data();

        assertEquals(Datatype.FP32, version.signature().inputs().get(0).datatype());
        assertEquals(List.of(-1L, 5L), version.signature().inputs().get(0).shape());
        assertEquals(2, version.trainingData().version());
        assertEquals(Task.BINARY_CLASSIFICATION, version.task());
    }
}
