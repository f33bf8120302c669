package io.mlops.registry;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The edges every service keeps: health against real PostgreSQL and Kafka, metrics, OpenAPI, problem+json 404. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RegistryContractTest extends ServiceContractTest {

    @Override
    protected String ownMetric() {
        return "mlops_registry_outbox_pending";
    }
}
