package io.mlops.infra.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.kafka.KafkaBroker;
import io.mlops.infra.testing.InjectKafkaBroker;
import io.mlops.infra.testing.OwnBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Quarkus injects the dedicated broker of {@link OwnBrokerResource} into the test instance. */
@QuarkusTest
@WithTestResource(value = OwnBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OwnBrokerQuarkusTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void theTestGetsTheBrokerTheApplicationUses() {
        assertNotNull(broker, "injected");
        assertTrue(broker.isRunning());
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        assertEquals(broker.bootstrapServers(), bootstrap);
        assertNotEquals(System.getProperty("mlops.test.kafka.bootstrap"), bootstrap, "not the shared broker");
        assertEquals(System.getProperty("mlops.test.db.url"),
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "the shared database");
    }
}
