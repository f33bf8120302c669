package io.mlops.inference.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the registry and feature-store stand-ins with the application under test and points it
 * at them; tests reach them through fields annotated {@link InjectStandIn}.
 */
public class StandInsResource implements QuarkusTestResourceLifecycleManager {

    private RegistryStandIn registry;
    private FeatureStoreStandIn features;

    @Override
    public Map<String, String> start() {
        registry = new RegistryStandIn();
        features = new FeatureStoreStandIn();
        return Map.of("mlops.registry.url", registry.url(), "mlops.feature-store.url", features.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(registry, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, RegistryStandIn.class));
        injector.injectIntoFields(features,
                new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, FeatureStoreStandIn.class));
    }

    @Override
    public void stop() {
        if (registry != null) {
            registry.close();
        }
        if (features != null) {
            features.close();
        }
    }
}
