package io.mlops.monitor;

import io.mlops.infra.testing.OwnBrokerResource;
import io.mlops.infra.testing.contract.BrokerOutageReadinessTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OwnBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DriftMonitorBrokerOutageTest extends BrokerOutageReadinessTest {
}
