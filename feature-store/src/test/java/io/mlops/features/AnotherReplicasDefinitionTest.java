package io.mlops.features;

import static io.mlops.features.Fixtures.online;
import static io.mlops.features.Fixtures.push;
import static io.mlops.features.Fixtures.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.mlops.events.Topics;
import io.mlops.events.features.PushTarget;
import io.mlops.features.view.repository.FeatureViewRepository;
import io.mlops.features.view.service.FeatureSpec;
import io.mlops.features.view.service.ValueType;
import io.mlops.features.view.service.ViewSchema;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A view version applied on another replica reaches this one's cached definitions only within the
 * refresh interval. Writes must not act on the stale definition: a feature service pins what is
 * stored, and rows the new version accepts are not refused (nor dead-lettered) meanwhile.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AnotherReplicasDefinitionTest {

    private static final Instant T = Instant.parse("2024-06-01T00:00:00Z");

    @Inject
    FeatureViewRepository repository;

    @Test
    void aFeatureServicePinsTheVersionAsStored() {
        String view = cachedVersionOne("replica-svc-view");
        applyVersionTwoElsewhere(view);

        String service = Fixtures.unique("replica-svc");
        given().contentType(ContentType.JSON).body(Map.of("name", service, "features", List.of(view + ":clicks")))
                .when().post("/api/v1/feature-services")
                .then().statusCode(201).body("features", contains(view + "@2:clicks"));
    }

    @Test
    void aPushTheCachedVersionRefusesIsCheckedAgainstTheStoredOne() {
        String view = cachedVersionOne("replica-push");
        applyVersionTwoElsewhere(view);

        push(view, "online", List.of(row("customer_id", 2, T, "clicks", 4, "score", 0.5)))
                .statusCode(200).body("version", equalTo(2));
        // A refusal no version can lift is still a refusal.
        push(view, "online", List.of(row("customer_id", 3, T, "clicks", "many", "score", 0.5)))
                .statusCode(422).body("code", equalTo("SCHEMA_VIOLATION"));
    }

    @Test
    void aStreamedRowTheCachedVersionRefusesIsIngestedNotDeadLettered() {
        String view = cachedVersionOne("replica-stream");
        applyVersionTwoElsewhere(view);

        KafkaFixtures.send(Topics.FEATURES_INGEST, view, KafkaFixtures.rowsEvent(view, PushTarget.ONLINE,
                List.of(row("customer_id", 9, T, "clicks", 5, "score", 0.25))));
        // Until the stream's row makes this replica read v2, a lookup of view@2 is a 422 (no such
        // version yet, as far as this replica knows): not yet, rather than a failure.
        Eventually.await("the row only v2 accepts ingested from the stream", Duration.ofSeconds(90), () -> {
            var response = online(List.of(view + "@2:score"), "customer_id", List.of(9)).extract();
            return response.statusCode() == 200 && "PRESENT".equals(response.path("results[1].statuses[0]"));
        });
    }

    /** A view at version 1, read (and so cached) by this replica. */
    private static String cachedVersionOne(String name) {
        String view = Fixtures.view(name, "customer_id", 0, Map.of("clicks", "INT64"));
        push(view, "online", List.of(row("customer_id", 1, T, "clicks", 3))).statusCode(200).body("version", equalTo(1));
        online(List.of(view + ":clicks"), "customer_id", List.of(1)).statusCode(200);
        return view;
    }

    /** What another replica's apply writes, without this replica's cache hearing of it. */
    private void applyVersionTwoElsewhere(String view) {
        ViewSchema v1 = repository.find(view).orElseThrow().latest();
        List<FeatureSpec> features = new ArrayList<>(v1.features());
        features.add(new FeatureSpec("score", ValueType.DOUBLE));
        ViewSchema v2 = new ViewSchema(view, 2, v1.joinKeys(), features, v1.ttlSeconds(), v1.description(), v1.tags(),
                Instant.now(), "another-replica");
        QuarkusTransaction.requiringNew().run(() -> repository.insertVersion(v2));
    }
}
