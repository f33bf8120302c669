package io.mlops.features;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FeatureStoreContractTest extends ServiceContractTest {

    @Override
    protected String ownMetric() {
        return "mlops_features_cache_requests_total";
    }
}
