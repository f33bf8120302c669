package io.mlops.registry.version;

import static io.mlops.registry.support.Registry.PROBLEM;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.createModel;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inside a version, encodings (like profiles and prediction events) may name a feature without its
 * view, so plain names must identify one reference.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FeatureNamingTest {

    @Test
    void encodingMayNameItsFeatureWithoutTheView() {
        String model = unique("naming");
        createModel(model);
        Map<String, Object> metadata = binaryMetadata(2);
        metadata.put("featureRefs", List.of("customers:tenure", "customers@2:plan"));
        metadata.put("encodings", List.of(Map.of("feature", "plan", "oneHot", List.of("basic", "pro"))));

        upload(model, OnnxModels.logisticRegression(3, 2), metadata)
                .statusCode(201)
                .body("encodings[0].feature", equalTo("plan"));
    }

    @Test
    void twoReferencesWithTheSameFeatureNameAreRejected() {
        String model = unique("naming");
        createModel(model);
        Map<String, Object> metadata = binaryMetadata(2);
        metadata.put("featureRefs", List.of("customers:plan", "accounts:plan"));

        upload(model, OnnxModels.logisticRegression(2, 2), metadata)
                .statusCode(422)
                .contentType(PROBLEM)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.find { it.field == 'featureRefs[1]' }.message", containsString("repeats the feature name 'plan'"));
    }
}
