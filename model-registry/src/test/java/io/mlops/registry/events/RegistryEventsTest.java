package io.mlops.registry.events;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelDeleted;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.ModelVersionDeleted;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.mlops.registry.support.Registry;
import io.mlops.registry.support.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RegistryEventsTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void publishesEveryChangeAsACloudEventKeyedByModel() {
        String model = unique("events");
        given().contentType(ContentType.JSON).header("X-Actor", "alice").header("traceparent", TRACEPARENT)
                .body(Map.of("name", model, "tags", Map.of("team", "risk"))).post(API + "/models").then().statusCode(201);
        given().header("X-Actor", "bob")
                .multiPart("artifact", "m.onnx", OnnxModels.logisticRegression(3, 2), "application/octet-stream")
                .multiPart("metadata", io.mlops.registry.support.Json.write(Registry.binaryMetadata(3)), "application/json")
                .post(API + "/models/" + model + "/versions").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("description", "reviewed"))
                .patch(API + "/models/" + model + "/versions/1").then().statusCode(200);
        given().contentType(ContentType.JSON).header("X-Actor", "carol").body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
        given().delete(API + "/models/" + model + "/aliases/champion").then().statusCode(204);

        List<CloudEvent<?>> events = TopicReader.eventsOf(model, 5, Duration.ofSeconds(30));
        assertEquals(List.of(EventType.MODEL_CREATED.type(), EventType.MODEL_VERSION_CREATED.type(),
                        EventType.MODEL_VERSION_UPDATED.type(), EventType.ALIAS_SET.type(), EventType.ALIAS_DELETED.type()),
                events.stream().map(CloudEvent::type).toList());
        events.forEach(e -> {
            assertEquals(Sources.MODEL_REGISTRY, e.source());
            assertEquals(model, e.subject());
        });

        CloudEvent<?> created = events.get(0);
        assertEquals("alice", created.actor());
        assertEquals(TRACEPARENT, created.traceparent());
        ModelCreated modelJson = assertInstanceOf(ModelCreated.class, created.data());
        assertEquals(Map.of("team", "risk"), modelJson.tags());

        ModelVersion version = assertInstanceOf(ModelVersion.class, events.get(1).data());
        assertEquals("bob", events.get(1).actor());
        assertEquals(1, version.version());
        assertEquals(List.of(-1L, 3L), version.signature().inputs().get(0).shape());
        assertEquals("reviewed", ((ModelVersion) events.get(2).data()).description());

        AliasSet set = assertInstanceOf(AliasSet.class, events.get(3).data());
        assertEquals("carol", events.get(3).actor());
        assertEquals(new AliasSet(model, "champion", 1, null), set);
        AliasDeleted deleted = assertInstanceOf(AliasDeleted.class, events.get(4).data());
        assertEquals(1, deleted.previousVersion());
        assertNull(events.get(4).traceparent());

        // Deletions are changes too: the version, then the model, in order after the rest.
        given().delete(API + "/models/" + model + "/versions/1").then().statusCode(204);
        given().header("X-Actor", "dave").delete(API + "/models/" + model).then().statusCode(204);
        List<CloudEvent<?>> all = TopicReader.eventsOf(model, 7, Duration.ofSeconds(30));
        assertEquals(List.of(EventType.MODEL_VERSION_DELETED.type(), EventType.MODEL_DELETED.type()),
                all.subList(5, 7).stream().map(CloudEvent::type).toList());
        assertEquals(new ModelVersionDeleted(model, 1), all.get(5).data());
        assertEquals(new ModelDeleted(model), all.get(6).data());
        assertEquals("dave", all.get(6).actor());
    }

    @Test
    void aChangeWhoseEventWouldBeTooLargeToPublishIsRefusedAndHoldsNothingBack() {
        String model = unique("huge-event");
        Registry.createModel(model);
        Map<String, Object> metadata = new java.util.HashMap<>(Registry.binaryMetadata(3));
        Map<String, String> params = new java.util.HashMap<>();
        // About 1,030,000 bytes: within the metadata limit of this test profile (1 MiB), above an event's.
        for (int i = 0; i < 205; i++) {
            params.put("p" + i, "x".repeat(5_000));
        }
        metadata.put("params", params);
        Registry.upload(model, OnnxModels.logisticRegression(3, 2), metadata).statusCode(422)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("VALIDATION_FAILED"))
                .body("detail", org.hamcrest.Matchers.containsString("events are limited to 1000000 bytes"));
        io.mlops.registry.version.VersionUploadTest.assertNothingStored(model);
        // The next change is published as usual: nothing waits behind a refused event.
        Registry.upload(model, OnnxModels.logisticRegression(3, 2), Registry.binaryMetadata(3)).statusCode(201)
                .body("version", org.hamcrest.Matchers.equalTo(1));
        List<CloudEvent<?>> events = TopicReader.eventsOf(model, 2, Duration.ofSeconds(30));
        assertEquals(List.of(EventType.MODEL_CREATED.type(), EventType.MODEL_VERSION_CREATED.type()),
                events.stream().map(CloudEvent::type).toList());
    }

    @Test
    void exportsTheRegistryMetrics() {
        String model = unique("metered");
        Registry.modelWithVersion(model);
        given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .put(API + "/models/" + model + "/aliases/champion").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mlops_registry_model_versions_total{model=\"" + model + "\"} 1.0"))
                .body(containsString("mlops_registry_alias_changes_total{alias=\"champion\",model=\"" + model + "\"} 1.0"))
                .body(containsString("mlops_registry_artifact_bytes_total"))
                .body(containsString("mlops_registry_outbox_pending"));
    }
}
