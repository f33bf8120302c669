package io.mlops.inference;

import io.mlops.inference.support.StandInsResource;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InferenceServiceContractTest extends ServiceContractTest {

    @Override
    protected String ownMetric() {
        return "mlops_inference_outbox_pending";
    }
}
